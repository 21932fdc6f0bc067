package goodpb

import (
	"context"

	"github.com/robusta-go/robusta/runtime/api"
)

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

// Echo adds a fixed line to any event: no context, no params, no error.
//
//robusta:action name=echo_line
func Echo(event api.ExecutionEvent) {
	event.AddEnrichment(api.MarkdownBlock("echo"))
}
