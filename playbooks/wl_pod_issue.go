package playbooks

import (
	"context"
	"fmt"
	"log/slog"
	"slices"
	"strings"
	"time"

	appsv1 "k8s.io/api/apps/v1"
	corev1 "k8s.io/api/core/v1"

	"github.com/robusta-go/robusta/runtime/api"
)

// podIssue is why a pod is not ready, as Robusta's PodIssue.
type podIssue int

const (
	issueNone podIssue = iota
	issueImagePull
	issueCrashLoop
	issueCrashing
	issuePending
)

// issueText is how the finding's description names the issue.
var issueText = map[podIssue]string{issueImagePull: "ImagePullBackoff", issuePending: "scheduling issue", issueCrashLoop: "CrashLoopBackoff", issueCrashing: "CrashLoopBackoff"}

// investigatedKinds are the kinds pod_issue_investigator looks into.
var investigatedKinds = []string{"Deployment", "DaemonSet", "ReplicaSet", "Pod", "StatefulSet", "Job"}

// PodIssueInvestigator finds why the object's pods are not ready (an
// image that cannot be pulled, a crash loop, a recent crash, a pod that
// cannot be scheduled) and explains the first pod with an issue: the
// image pull, crash or scheduling information, and in the description how
// many pods are available and why the others are not. Pods without an
// issue get nothing. It takes a Deployment, DaemonSet, ReplicaSet,
// StatefulSet, Job or Pod (on an alert, the object its labels name).
//
//robusta:action
func PodIssueInvestigator(ctx context.Context, event api.KubernetesResourceEvent) error {
	obj := event.GetResource()
	if api.IsNil(obj) {
		slog.Warn("pod_issue_investigator: the event has no resource", "event", fmt.Sprintf("%T", event))
		return nil
	}
	kind := api.KindOf(obj)
	if !slices.Contains(investigatedKinds, kind) {
		return fmt.Errorf("pod_issue_investigator: %s is not supported (only %v)", kind, investigatedKinds)
	}
	c := event.Execution().Cluster()
	pods, err := podsOf(ctx, c, obj)
	if err != nil {
		return fmt.Errorf("pod_issue_investigator: %w", err)
	}
	now := time.Now()
	i := slices.IndexFunc(pods, func(p corev1.Pod) bool { return detectPodIssue(&p, now) != issueNone })
	if i < 0 {
		slog.Info("pod_issue_investigator: no pod issue found", "kind", kind, "name", obj.GetName())
		return nil
	}
	pod := &pods[i]
	issue := detectPodIssue(pod, now)
	var enrichments []api.Enrichment
	switch issue {
	case issueImagePull:
		blocks, err := pullBlocks(ctx, c, pod)
		if err != nil {
			return err
		}
		enrichments = []api.Enrichment{{Title: "Container ImagePullBackoff Information", Blocks: blocks}}
	case issuePending:
		en, err := pendingEnrichment(ctx, c, pod)
		if err != nil {
			return err
		}
		enrichments = []api.Enrichment{en}
	default:
		enrichments = crashEnrichments(pod)
	}
	for _, en := range enrichments {
		api.AddTitledEnrichment(event, en.Title, en.Blocks...)
	}
	text := issueExplanation(obj, issue, pod)
	api.UpdateCurrentFinding(event, func(f *api.Finding) {
		if f.Description == "" {
			f.Description = text
		} else {
			f.Description += "\n\n" + text
		}
	})
	return nil
}

// detectPodIssue is Robusta's detect_pod_issue, in its order.
func detectPodIssue(p *corev1.Pod, now time.Time) podIssue {
	statuses := slices.Concat(p.Status.ContainerStatuses, p.Status.InitContainerStatuses)
	switch {
	case len(pullStatuses(p)) > 0:
		return issueImagePull
	case slices.ContainsFunc(statuses, func(cs corev1.ContainerStatus) bool {
		w := cs.State.Waiting
		return w != nil && cs.RestartCount > 1 && strings.Contains(w.Reason, "CrashLoopBackOff")
	}):
		return issueCrashLoop
	case slices.ContainsFunc(statuses, func(cs corev1.ContainerStatus) bool {
		// A crash-looping container that is running again has no
		// CrashLoopBackOff: its last crash, in the last 15 minutes, tells.
		t := cs.LastTerminationState.Terminated
		return t != nil && t.Reason == "Error" && now.Sub(t.FinishedAt.Time) < 15*time.Minute
	}):
		return issueCrashing
	case p.Status.Phase == corev1.PodPending:
		return issuePending
	}
	return issueNone
}

// issueExplanation is Robusta's get_pod_issue_explanation: the workload's
// available and unavailable pod counts (or, for a pod or job, "Pod is not
// ready"), the issue, and the first container's waiting reason and message.
func issueExplanation(obj api.Object, issue podIssue, pod *corev1.Pod) string {
	text := issueText[issue]
	var msg string
	switch o := obj.(type) {
	case *appsv1.Deployment:
		msg = fmt.Sprintf("%d pod(s) are available. %d pod(s) are not ready due to %s", o.Status.AvailableReplicas, o.Status.UnavailableReplicas, text)
	case *appsv1.StatefulSet:
		msg = fmt.Sprintf("%d pod(s) are available. %d pod(s) are not ready due to %s", o.Status.AvailableReplicas, o.Status.Replicas-o.Status.AvailableReplicas, text)
	case *appsv1.DaemonSet:
		msg = fmt.Sprintf("%d pod(s) are available. %d pod(s) are not ready due to %s", o.Status.NumberAvailable, o.Status.NumberUnavailable, text)
	default:
		msg = "Pod is not ready due to " + text
	}
	// Robusta reads only the first container, as here.
	if cs := pod.Status.ContainerStatuses; len(cs) > 0 && cs[0].State.Waiting != nil {
		w := cs[0].State.Waiting
		reason, message := w.Reason, w.Message
		if reason == "" {
			reason = "unknown"
		}
		if message == "" {
			message = "N/A"
		}
		msg += "\n\n" + reason + ": " + message
	}
	return msg
}
