package playbooks

import (
	"context"
	"fmt"

	"github.com/robusta-go/robusta/runtime/api"
)

// BashParams configures PodBashEnricher.
type BashParams struct {
	// BashCommand is the command to run inside the pod, with /bin/sh -c.
	BashCommand string `json:"bash_command"`
}

// PodBashEnricher runs a command in the pod's first container and attaches
// its output. It needs get and create on pods/exec: exec opens with a GET
// over WebSocket and with a POST (create) over SPDY, its fallback.
//
//robusta:action
//robusta:rbac groups=core,resources=pods,verbs=get
func PodBashEnricher(ctx context.Context, event api.PodEvent, params BashParams) error {
	pod := event.GetPod()
	if pod == nil {
		return api.ErrNoPod
	}
	out, err := pod.Exec(ctx, params.BashCommand)
	if err != nil {
		return fmt.Errorf("running %q in pod %s/%s: %w", params.BashCommand, pod.Namespace, pod.Name, err)
	}
	event.AddEnrichment(api.MarkdownBlock("Command results for *"+params.BashCommand+":*"), api.MarkdownBlock("```\n"+out+"\n```"))
	return nil
}
