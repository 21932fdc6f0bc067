package playbooks

import (
	"context"
	"errors"

	"github.com/robusta-go/robusta/runtime/api"
)

// ReportCrashLoopParams configures ReportCrashLoop.
type ReportCrashLoopParams struct {
	// RegexReplacerPatterns are replaced in the logs, in order, before they
	// leave the cluster.
	RegexReplacerPatterns []NamedRegexPattern `json:"regex_replacer_patterns,omitempty"`
	// RegexReplacementStyle writes a match as asterisks of its length
	// (SAME_LENGTH_ASTERISKS) or as [NAME] (NAMED).
	RegexReplacementStyle string `json:"regex_replacement_style,omitempty" jsonschema:"enum=SAME_LENGTH_ASTERISKS,enum=NAMED,default=SAME_LENGTH_ASTERISKS"`
}

// ReportCrashLoop reports a crash-looping pod, as Robusta's report_crash_loop
// (usually under on_pod_crash_loop): "Crashing pod <pod> in namespace
// <ns>", HIGH, keyed CrashLoopBackoff, with the crash information of each
// container waiting after a restart and its previous instance's log (or
// "Logs unavailable for container: X").
//
//robusta:action
func ReportCrashLoop(ctx context.Context, event api.PodEvent, params ReportCrashLoopParams) error {
	pod := event.GetPod()
	if pod == nil {
		return api.ErrNoPod
	}
	lp, err := newLogParams("", params.RegexReplacerPatterns, params.RegexReplacementStyle)
	if err != nil {
		return err
	}
	lp.previous = true
	f := podFinding(pod, "Crashing pod "+pod.Name+" in namespace "+pod.Namespace, "CrashLoopBackoff")
	f.Enrichments = append(f.Enrichments, crashEnrichments(pod.Pod)...)
	// Each log is read even when another failed: the finding is the point,
	// and every failure is returned after it is added.
	var errs []error
	for _, cs := range crashedContainers(pod.Pod) {
		block, err := readLog(ctx, pod, cs.Name, lp)
		addTo(f, "Logs", block)
		errs = append(errs, err)
	}
	event.AddFinding(f)
	return errors.Join(errs...)
}
