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

// ImagePullBackoffParams configures ImagePullBackoffReporter. Robusta's
// action takes RateLimitParams and never reads them: the trigger
// (on_image_pull_backoff) does the rate limiting, so rate_limit is accepted
// for the values Robusta users have, and unused here too.
type ImagePullBackoffParams struct {
	// RateLimit is accepted for compatibility; on_image_pull_backoff's own
	// rate_limit is the one that applies.
	RateLimit int `json:"rate_limit,omitempty" jsonschema:"minimum=0,default=3600"`
}

// ImagePullBackoffReporter reports a pod that cannot pull an image, as
// Robusta's image_pull_backoff_reporter: "Failed to pull at least one image
// in pod <pod> in namespace <ns>", HIGH, keyed ImagePullBackoff, with a
// table per container that cannot pull (container, image, and the reason
// and fix when the kubelet's error is a known one, else the error message).
// A pod with no container in ImagePullBackOff gets no finding.
//
//robusta:action
func ImagePullBackoffReporter(ctx context.Context, event api.PodEvent, _ ImagePullBackoffParams) error {
	pod := event.GetPod()
	if pod == nil {
		return api.ErrNoPod
	}
	if !slices.ContainsFunc(pullStatuses(pod.Pod), func(cs corev1.ContainerStatus) bool {
		return cs.State.Waiting.Reason == "ImagePullBackOff"
	}) {
		return nil
	}
	blocks, err := pullBlocks(ctx, event.Execution().Cluster(), pod.Pod)
	if err != nil {
		return err
	}
	f := podFinding(pod, "Failed to pull at least one image in pod "+pod.Name+" in namespace "+pod.Namespace, "ImagePullBackoff")
	addTo(f, "Container ImagePullBackoff Information", blocks...)
	event.AddFinding(f)
	return nil
}

// pullBlocks are the blocks of "Container ImagePullBackoff Information"
// (Robusta's get_image_pull_backoff_enrichment): a table per container
// that cannot pull, then the errors no known reason explains.
func pullBlocks(ctx context.Context, c api.Cluster, pod *corev1.Pod) ([]api.Block, error) {
	events, err := api.ObjectEvents(ctx, c, "Pod", pod.Namespace, pod.Name)
	if err != nil {
		return nil, fmt.Errorf("reading the events of pod %s/%s: %w", pod.Namespace, pod.Name, err)
	}
	// Newest first: the latest pull error is the one that still applies.
	slices.SortStableFunc(events, func(a, b corev1.Event) int { return eventTime(b).Compare(eventTime(a)) })

	var tables, errorBlocks []api.Block
	for _, cs := range pullStatuses(pod) {
		rows := [][]string{{"Container", cs.Name}, {"Image", cs.Image}}
		// Robusta leaves out a container whose pull error event is gone;
		// its name and image still say what cannot be pulled.
		if msg, ok := pullError(events, cs.Image); ok {
			if r := classifyPullError(msg); r.reason != "" {
				rows = append(rows, []string{"Reason", r.reason}, []string{"Fix", r.fix})
			} else {
				errorBlocks = append(errorBlocks, api.MarkdownBlock("*Error message:* "+cs.Name+":\n"+msg))
			}
		}
		tables = append(tables, api.TableBlock([]string{"label", "value"}, rows))
	}
	return append(tables, errorBlocks...), nil
}

// pullStatuses are the statuses of the containers waiting on an image pull.
// Robusta looks at containers only; init containers pull images too.
func pullStatuses(pod *corev1.Pod) []corev1.ContainerStatus {
	var out []corev1.ContainerStatus
	for _, cs := range slices.Concat(pod.Status.InitContainerStatuses, pod.Status.ContainerStatuses) {
		if w := cs.State.Waiting; w != nil && (w.Reason == "ImagePullBackOff" || w.Reason == "ErrImagePull") {
			out = append(out, cs)
		}
	}
	return out
}

// grpcPrefix is the gRPC status the kubelet puts before the runtime's error.
var grpcPrefix = regexp.MustCompile(`^rpc error: code = \w+ desc = `)

// pullError finds the kubelet's Warning/Failed event about pulling image
// and returns the container runtime's message in it. Robusta accepts only
// `Failed to pull image "<image>": rpc error: code = Unknown|NotFound desc = `;
// any gRPC code, or none (newer kubelets drop it), is accepted here, so that
// the message is at least shown.
func pullError(events []corev1.Event, image string) (string, bool) {
	prefix := `Failed to pull image "` + image + `": `
	for _, e := range events {
		if e.Type != corev1.EventTypeWarning || e.Reason != "Failed" {
			continue
		}
		if e.Source.Component != "kubelet" && e.ReportingController != "kubelet" {
			continue
		}
		msg, ok := strings.CutPrefix(e.Message, prefix)
		if !ok {
			continue
		}
		if loc := grpcPrefix.FindStringIndex(msg); loc != nil {
			msg = msg[loc[1]:]
		}
		return msg, true
	}
	return "", false
}
