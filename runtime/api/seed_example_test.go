package api_test

// The seed page's examples ("write your own playbook action"), in Go as
// design.md maps them. They compile against package api, which is the
// point; robusta-gen's testdata runs them through the generator.

import (
	"context"
	"fmt"
	"time"

	"github.com/robusta-go/robusta/runtime/api"
)

// MyAction gets a pod, its logs and its processes and reports them.
//
//robusta:action
func MyAction(ctx context.Context, event api.PodEvent) error {
	pod := event.GetPod()
	if pod == nil {
		return api.ErrNoPod
	}
	podName := pod.Name
	podLogs, err := pod.GetLogs(ctx)
	if err != nil {
		return err
	}
	processes, err := pod.Exec(ctx, "ps aux")
	if err != nil {
		return err
	}
	event.AddEnrichment(
		api.MarkdownBlock("*Oh no!* An alert occurred on "+podName),
		api.FileBlock("crashing-pod.log", []byte(podLogs)),
		api.FileBlock("processes.txt", []byte(processes)),
	)
	return nil
}

// PodChangeMonitor shows the old and new object of a pod change.
//
//robusta:action
func PodChangeMonitor(ctx context.Context, event *api.PodChangeEvent) error {
	event.AddEnrichment(api.MarkdownBlock(fmt.Sprintf("%s: new object %s, old object %v", event.Operation, event.Obj.Name, event.OldObj != nil)))
	return nil
}

// AnyChangeMonitor shows a diff of any change.
//
//robusta:action
func AnyChangeMonitor(ctx context.Context, event api.KubernetesAnyChangeEvent) error {
	event.AddEnrichment(api.KubernetesDiffBlock(event.GetOldObj(), event.GetObj()))
	return nil
}

// BashParams configures PodBashEnricher.
type BashParams struct {
	// BashCommand is the command to run inside the pod.
	BashCommand string `json:"bash_command"`
}

// PodBashEnricher runs a command in the pod and attaches its output.
//
//robusta:action
func PodBashEnricher(ctx context.Context, event api.PodEvent, params BashParams) error {
	pod := event.GetPod()
	if pod == nil {
		return api.ErrNoPod
	}
	out, err := pod.Exec(ctx, params.BashCommand)
	if err != nil {
		return err
	}
	event.AddEnrichment(api.MarkdownBlock("Command results for *"+params.BashCommand+":*"), api.MarkdownBlock(out))
	return nil
}

// ArgoAppParams names an Argo CD application.
type ArgoAppParams struct {
	ArgoURL     string `json:"argo_url"`
	ArgoAppName string `json:"argo_app_name"`
	RateLimit   int    `json:"rate_limit_seconds,omitempty"`
}

// ArgoAppSync syncs an Argo CD application at most once per rate limit.
//
//robusta:action
func ArgoAppSync(ctx context.Context, event api.ExecutionEvent, params ArgoAppParams) error {
	if !api.RateLimiter.MarkAndTest("argo_app_sync", params.ArgoURL+params.ArgoAppName, time.Duration(params.RateLimit)*time.Second) {
		return nil
	}
	event.AddEnrichment(api.MarkdownBlock("syncing " + params.ArgoAppName))
	return nil
}

// MyFirstAction stops every later action and playbook.
//
//robusta:action
func MyFirstAction(ctx context.Context, event *api.EventChangeEvent) error {
	event.StopProcessing()
	return nil
}

func Example_seedPage() {
	ev := &api.PodChangeEvent{Obj: testPod("default", "web-1"), Operation: api.OperationUpdate}
	// Without a cluster, cluster operations fail cleanly.
	fmt.Println(MyAction(context.Background(), ev))
	_ = PodChangeMonitor(context.Background(), ev)
	f := ev.Execution().Findings()[0]
	fmt.Println(f.Title)
	// Output:
	// no cluster connection
	// Update to pod web-1
}
