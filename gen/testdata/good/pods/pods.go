// Package pods has actions on pods, with pointer params and a rich params
// struct.
package pods

//robusta:rbac groups="",resources=pods;pods/log,verbs=get;list;watch

import (
	"context"
	"time"

	"github.com/robusta-go/robusta/runtime/api"
)

// Mode says how a pod is handled.
type Mode string

// Limits bound what the killer does.
type Limits struct {
	// MaxPods is how many pods one event may kill.
	MaxPods int `json:"max_pods" jsonschema:"minimum=1,maximum=10,default=1"`
	// Grace is the deletion grace period.
	Grace time.Duration `json:"grace,omitempty"`
}

// Params configures PodOOMKiller.
type Params struct {
	// Mode is what to do with the pod.
	Mode Mode `json:"mode" jsonschema:"enum=delete,enum=evict,enum=log,default=log"`
	// Delay waits before acting.
	Delay time.Duration `json:"delay"`
	// Containers limits the action to these containers.
	Containers []string `json:"containers,omitempty"`
	// Labels are added to the finding.
	Labels map[string]string `json:"labels,omitempty"`
	// Limits bound the action.
	Limits Limits `json:"limits"`
	// DryRun only reports.
	DryRun *bool `json:"dry_run,omitempty"`
}

// PodOOMKiller handles a pod that was OOM-killed.
//
//robusta:action
//robusta:rbac groups=core,resources=pods,verbs=delete
func PodOOMKiller(ctx context.Context, event *api.PodChangeEvent, params *Params) error {
	if event.Obj == nil || params.Mode == "log" {
		return nil
	}
	event.AddEnrichment(api.MarkdownBlock("pod " + event.Obj.Name + " mode " + string(params.Mode)))
	return nil
}

// logsParams is unexported: the generated registry lives in this package.
type logsParams struct {
	// Lines is how many lines to fetch.
	Lines int `json:"lines,omitempty" jsonschema:"default=100"`
}

// PodLogsEnricher attaches the pod's logs.
//
//robusta:action
func PodLogsEnricher(ctx context.Context, event api.PodEvent, params logsParams) error {
	if event.GetPod() == nil {
		return api.ErrNoPod
	}
	return nil
}
