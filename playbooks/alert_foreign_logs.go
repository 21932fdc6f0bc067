package playbooks

import (
	"context"
	"errors"
	"fmt"
	"log/slog"

	corev1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"

	"github.com/robusta-go/robusta/runtime/api"
	"github.com/robusta-go/robusta/runtime/tmpl"
)

// ForeignLogParams configures ForeignLogsEnricher: logs_enricher's params,
// and which pods to read.
type ForeignLogParams struct {
	LogEnricherParams
	// LabelSelectors are tried in order, in every namespace; the pods of
	// the first that selects any are read.
	LabelSelectors []string `json:"label_selectors"`
	// TitleOverride titles each log instead of "Logs", templated over the
	// pod ($name, $namespace, $labels.<key>).
	TitleOverride string `json:"title_override,omitempty"`
}

// ForeignLogsEnricher attaches the logs of other pods than the event's,
// chosen by label selector (a database's logs on an alert about its
// clients, say): for each pod, its crash information and its log, as
// logs_enricher does. No matching pod adds nothing.
//
//robusta:action
func ForeignLogsEnricher(ctx context.Context, event api.ExecutionEvent, params ForeignLogParams) error {
	c := event.Execution().Cluster()
	if c == nil {
		return api.ErrNoCluster
	}
	var pods []corev1.Pod
	for _, sel := range params.LabelSelectors {
		l, err := c.Kubernetes().CoreV1().Pods("").List(ctx, metav1.ListOptions{LabelSelector: sel})
		if err != nil {
			return fmt.Errorf("foreign_logs_enricher: listing pods with %q: %w", sel, err)
		}
		if len(l.Items) > 0 {
			pods = l.Items
			break
		}
	}
	if len(pods) == 0 {
		slog.Warn("foreign_logs_enricher: no pod matches the selectors", "label_selectors", params.LabelSelectors)
		return nil
	}
	lp, err := newLogParams(params.FilterRegex, params.RegexReplacerPatterns, params.RegexReplacementStyle)
	if err != nil {
		return err
	}
	lp.previous, lp.tail = params.Previous, params.TailLines
	var errs []error
	for i := range pods {
		pod := api.NewPod(&pods[i], c)
		container := params.ContainerName
		if pe, ok := event.(api.PodEvent); ok && container == "" {
			container = alertContainer(pe, pod.Pod)
		}
		if container == "" && len(pod.Spec.Containers) > 0 {
			container = pod.Spec.Containers[0].Name
		}
		for _, en := range crashEnrichments(pod.Pod) {
			api.AddTitledEnrichment(event, en.Title, en.Blocks...)
		}
		title := "Logs"
		if params.TitleOverride != "" {
			title = tmpl.Expand(params.TitleOverride, subjectLookup(api.SubjectOf(pod.Pod)))
		}
		block, err := readLog(ctx, pod, container, lp)
		api.AddTitledEnrichment(event, title, block)
		errs = append(errs, err)
	}
	return errors.Join(errs...)
}
