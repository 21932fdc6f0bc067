package engine

import (
	"context"
	"errors"
	"fmt"

	"github.com/robusta-go/robusta/runtime/api"
	"github.com/robusta-go/robusta/runtime/sink"
	"github.com/robusta-go/robusta/runtime/sink/group"
)

// grouped wraps an opened sink in its grouping (runtime/sink/group),
// inside the metrics and the queue: what the grouper holds back counts as
// written, since the sink took it. Attributes are read as the sink's scope
// reads them, on the engine's clock (a replay's recorded time), so that
// grouping decides in a replay as it did in the run.
func grouped(impl sink.Sink, gp sink.Grouping, name string, g sink.Global, o *options) (sink.Sink, error) {
	out, err := group.New(impl, gp, group.Options{
		Cluster: g.ClusterName,
		Now:     o.now,
		Logger:  o.logger.With("sink", name),
		Read:    func(f *api.Finding, attr string) string { return findingSubject(f, nil).Get(attr) },
	})
	if err != nil {
		return nil, errors.Join(fmt.Errorf("grouping: %w", err), impl.Close(context.Background()))
	}
	return out, nil
}
