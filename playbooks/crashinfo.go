package playbooks

import (
	"slices"
	"strconv"

	corev1 "k8s.io/api/core/v1"

	"github.com/robusta-go/robusta/runtime/api"
)

// crashedContainers are the containers, then init containers, waiting
// after at least one restart: the ones Robusta's crash report describes.
func crashedContainers(pod *corev1.Pod) []corev1.ContainerStatus {
	var out []corev1.ContainerStatus
	for _, cs := range slices.Concat(pod.Status.ContainerStatuses, pod.Status.InitContainerStatuses) {
		if cs.State.Waiting != nil && cs.RestartCount >= 1 {
			out = append(out, cs)
		}
	}
	return out
}

// crashEnrichments is one "Container Crash information" enrichment per
// crashed container: the tables "*Crash Info*" (container, restarts, state
// and reason) and "*Previous Container*" (how the last instance ended).
// Robusta adds the second table even when empty; here it is left out when
// the container has no terminated previous instance, as an empty table
// says nothing.
func crashEnrichments(pod *corev1.Pod) []api.Enrichment {
	var out []api.Enrichment
	for _, cs := range crashedContainers(pod) {
		info := [][]string{{"Container", cs.Name}, {"Restarts", strconv.Itoa(int(cs.RestartCount))}}
		if t := cs.State.Terminated; t != nil {
			info = append(info, []string{"Status", "TERMINATED"}, []string{"Reason", t.Reason})
		}
		if w := cs.State.Waiting; w != nil {
			info = append(info, []string{"Status", "WAITING"}, []string{"Reason", w.Reason})
		}
		crash := api.TableBlock([]string{"label", "value"}, info)
		crash.Name = "*Crash Info*"
		blocks := []api.Block{crash}
		if t := cs.LastTerminationState.Terminated; t != nil {
			prev := [][]string{{"Status", "TERMINATED"}, {"Reason", t.Reason}}
			if !t.StartedAt.IsZero() {
				prev = append(prev, []string{"Started at", k8sTime(t.StartedAt.Time)})
			}
			if !t.FinishedAt.IsZero() {
				prev = append(prev, []string{"Finished at", k8sTime(t.FinishedAt.Time)})
			}
			table := api.TableBlock([]string{"label", "value"}, prev)
			table.Name = "*Previous Container*"
			blocks = append(blocks, table)
		}
		out = append(out, api.Enrichment{Title: "Container Crash information", Blocks: blocks})
	}
	return out
}
