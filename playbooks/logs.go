package playbooks

import (
	"context"
	"fmt"
	"log/slog"
	"regexp"
	"slices"
	"strings"

	corev1 "k8s.io/api/core/v1"

	"github.com/robusta-go/robusta/runtime/api"
)

// LogEnricherParams configures LogsEnricher, with Robusta's names.
type LogEnricherParams struct {
	// ContainerName selects the container; empty means the alert's
	// `container` label when it names one of the pod's containers, else
	// the pod's first container.
	ContainerName string `json:"container_name,omitempty"`
	// Previous reads the log of the previous, crashed container instance.
	Previous bool `json:"previous,omitempty"`
	// TailLines keeps only the last lines of the log; 0 keeps all.
	TailLines int64 `json:"tail_lines,omitempty" jsonschema:"minimum=0"`
	// FilterRegex keeps only the lines that match this regular expression.
	FilterRegex string `json:"filter_regex,omitempty"`
	// WarnOnMissingLabel adds a note when the event has no pod (an alert
	// without a `pod` label) instead of doing nothing.
	WarnOnMissingLabel bool `json:"warn_on_missing_label,omitempty"`
	// RegexReplacerPatterns are replaced in the log, in order, before it
	// leaves the cluster (for example tokens or addresses).
	RegexReplacerPatterns []NamedRegexPattern `json:"regex_replacer_patterns,omitempty"`
	// RegexReplacementStyle writes a match as asterisks of its length
	// (SAME_LENGTH_ASTERISKS) or as [NAME] (NAMED).
	RegexReplacementStyle string `json:"regex_replacement_style,omitempty" jsonschema:"enum=SAME_LENGTH_ASTERISKS,enum=NAMED,default=SAME_LENGTH_ASTERISKS"`
}

// LogsEnricher attaches a container's log as a file named after the pod,
// under "Logs", after the crash information of the pod's crashed
// containers, as Robusta does. An empty or unreadable log gives the block
// "Logs unavailable for container: X" (and, when unreadable, the error).
// On an alert that names no pod it does nothing, or adds a note with
// warn_on_missing_label.
//
//robusta:action
func LogsEnricher(ctx context.Context, event api.PodEvent, params LogEnricherParams) error {
	pod := event.GetPod()
	if pod == nil {
		// An alert-wide playbook sees alerts without a pod label; that is
		// no failure of the action, so it is not counted as one.
		if params.WarnOnMissingLabel {
			event.AddEnrichment(api.MarkdownBlock("Cannot fetch logs because the pod is unknown. The alert has no `pod` label"))
		} else {
			slog.Debug("logs_enricher: the event has no pod", "event", fmt.Sprintf("%T", event))
		}
		return nil
	}
	lp, err := newLogParams(params.FilterRegex, params.RegexReplacerPatterns, params.RegexReplacementStyle)
	if err != nil {
		return err
	}
	lp.previous, lp.tail = params.Previous, params.TailLines
	container := params.ContainerName
	if container == "" {
		container = alertContainer(event, pod.Pod)
	}
	if container == "" && len(pod.Spec.Containers) > 0 {
		container = pod.Spec.Containers[0].Name
	}
	for _, en := range crashEnrichments(pod.Pod) {
		api.AddTitledEnrichment(event, en.Title, en.Blocks...)
	}
	block, err := readLog(ctx, pod, container, lp)
	api.AddTitledEnrichment(event, "Logs", block)
	return err
}

// alertContainer is the alert's `container` label when it names one of
// pod's containers (Robusta's finding subject container); "" otherwise.
func alertContainer(event api.PodEvent, pod *corev1.Pod) string {
	a, ok := event.(*api.PrometheusAlertEvent)
	if !ok {
		return ""
	}
	name := a.Alert.Labels["container"]
	for _, c := range slices.Concat(pod.Spec.Containers, pod.Spec.InitContainers) {
		if name != "" && c.Name == name {
			return name
		}
	}
	return ""
}

// logParams says how readLog reads and cleans a log.
type logParams struct {
	previous bool
	tail     int64
	filter   *regexp.Regexp
	redact   *redactor
}

func newLogParams(filter string, patterns []NamedRegexPattern, style string) (logParams, error) {
	var lp logParams
	if filter != "" {
		re, err := regexp.Compile(filter)
		if err != nil {
			return lp, fmt.Errorf("filter_regex: %w", err)
		}
		lp.filter = re
	}
	r, err := newRedactor(patterns, style)
	lp.redact = r
	return lp, err
}

// readLog reads container's log and returns it as the file "<pod>.log",
// filtered then redacted, or as "Logs unavailable for container: X" when
// nothing is left or it cannot be read; then the error is returned too,
// so that the block tells the reader and the runner logs and counts why.
//
// Robusta's filter_regex joins the matches of re.findall; here whole
// matching lines are kept, which is the same for its patterns of the form
// ".*text.*" and keeps lines whole for the others.
func readLog(ctx context.Context, pod *api.Pod, container string, lp logParams) (api.Block, error) {
	opts := []api.LogOption{api.TailLines(lp.tail)}
	if container != "" {
		opts = append(opts, api.Container(container))
	}
	if lp.previous {
		opts = append(opts, api.Previous())
	}
	log, err := pod.GetLogs(ctx, opts...)
	if err != nil {
		err = fmt.Errorf("reading logs of pod %s/%s container %s: %w", pod.Namespace, pod.Name, container, err)
		log = ""
	}
	if lp.filter != nil {
		log = filterLines(log, lp.filter)
	}
	log = lp.redact.apply(log)
	if log == "" {
		return api.MarkdownBlock("Logs unavailable for container: " + container), err
	}
	return api.FileBlock(pod.Name+".log", []byte(log)), nil
}

func filterLines(log string, re *regexp.Regexp) string {
	var b strings.Builder
	for line := range strings.Lines(log) {
		if re.MatchString(strings.TrimSuffix(line, "\n")) {
			b.WriteString(line)
		}
	}
	return b.String()
}
