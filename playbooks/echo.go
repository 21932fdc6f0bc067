package playbooks

import (
	"context"

	"github.com/robusta-go/robusta/runtime/api"
)

// EchoParams configures Echo.
type EchoParams struct {
	// Message is the text to add to the finding.
	Message string `json:"message"`
}

// Echo adds a message to the event's finding. It is the smallest useful
// action: handy to check that a trigger fires and findings reach a sink.
//
//robusta:action
func Echo(ctx context.Context, event api.ExecutionEvent, params EchoParams) error {
	event.AddEnrichment(api.MarkdownBlock(params.Message))
	return nil
}
