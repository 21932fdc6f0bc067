package playbooks

import (
	"context"
	"fmt"
	"regexp"
	"slices"
	"strings"

	corev1 "k8s.io/api/core/v1"

	"github.com/robusta-go/robusta/runtime/api"
)

// failedSchedulingNote is the scheduler's FailedScheduling message, as
// Robusta recognises it: "0/3 nodes are available: ...".
var failedSchedulingNote = regexp.MustCompile(`^\d+/\d+( nodes are available:)`)

// insufficientGPU is Robusta's NotEnoughGPU pattern.
var insufficientGPU = regexp.MustCompile(`Insufficient [^/]+/gpu`)

// pendingEnrichment is Robusta's "Unscheduled Pod Information": the pod
// and the scheduler's reason, and what the pod requests when the reason is
// a shortage of CPU, memory or GPUs.
func pendingEnrichment(ctx context.Context, c api.Cluster, pod *corev1.Pod) (api.Enrichment, error) {
	rows := [][]string{{"Pod", pod.Name}}
	condition := unscheduledMessage(pod)
	if condition != "" {
		rows = append(rows, []string{"Reason", condition})
	}
	blocks := []api.Block{api.TableBlock([]string{"label", "value"}, rows)}
	if condition != "" {
		events, err := api.ObjectEvents(ctx, c, "Pod", pod.Namespace, pod.Name)
		if err != nil {
			return api.Enrichment{}, fmt.Errorf("reading the events of pod %s/%s: %w", pod.Namespace, pod.Name, err)
		}
		// The newest scheduler event says more than the condition, when it
		// is still there.
		msg := condition
		if e, ok := newestFailedScheduling(events); ok {
			msg = e.Message
		}
		if resourceShortage(msg) {
			blocks = append(blocks, api.MarkdownBlock("*Pod requires:* "+strings.Join(requestedResources(pod), ", ")))
		}
	}
	return api.Enrichment{Title: "Unscheduled Pod Information", Blocks: blocks}, nil
}

// unscheduledMessage is the PodScheduled condition's message.
func unscheduledMessage(pod *corev1.Pod) string {
	for _, c := range pod.Status.Conditions {
		if c.Type == corev1.PodScheduled {
			return c.Message
		}
	}
	return ""
}

func newestFailedScheduling(events []corev1.Event) (corev1.Event, bool) {
	var newest corev1.Event
	found := false
	for _, e := range events {
		if e.Type != corev1.EventTypeWarning || e.Reason != "FailedScheduling" || !failedSchedulingNote.MatchString(e.Message) {
			continue
		}
		if !found || eventTime(e).After(eventTime(newest)) {
			newest, found = e, true
		}
	}
	return newest, found
}

// resourceShortage reports whether the scheduler lacked CPU, memory or
// GPUs: the reasons after which Robusta shows the pod's requests.
func resourceShortage(msg string) bool {
	return insufficientGPU.MatchString(msg) || strings.Contains(msg, "Insufficient memory") || strings.Contains(msg, "Insufficient cpu")
}

// requestedResources lists the pod's summed requests: CPU in cores,
// memory in MB (Robusta writes the bare number; the unit is named here),
// then any other resource (nvidia.com/gpu) as requested.
func requestedResources(pod *corev1.Pod) []string {
	req := podTotals(pod, false)
	var out []string
	if !req.Cpu().IsZero() {
		out = append(out, coresText(req)+" CPU")
	}
	if mb := mbOf(req); mb > 0 {
		out = append(out, fmt.Sprintf("%d MB Memory", mb))
	}
	var others []string
	for name := range req {
		if name != corev1.ResourceCPU && name != corev1.ResourceMemory {
			others = append(others, string(name))
		}
	}
	slices.Sort(others)
	for _, name := range others {
		q := req[corev1.ResourceName(name)]
		out = append(out, q.String()+" "+name)
	}
	return out
}
