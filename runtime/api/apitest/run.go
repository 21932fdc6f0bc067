package apitest

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/robusta-go/robusta/runtime/api"
	"github.com/robusta-go/robusta/runtime/config"
	"github.com/robusta-go/robusta/runtime/registry"
)

// Result is what one run of an action produced.
type Result struct {
	// Findings are the event's findings after the run: the ones the
	// action started and the default one its enrichments went to.
	Findings []*api.Finding
	// Err is the action's error.
	Err error
	// Stopped is true when the action called StopProcessing.
	Stopped bool
}

// Run runs the action called name of pkg (a package's generated Actions)
// on ev, with params written as in values.yaml ("" for none) and c as the
// cluster (nil for none). The params go through the runner's own decoding:
// defaults, schema, unknown keys. A mistake in the params, or an action
// that cannot take ev, fails the test; the action's own error is in
// Result.Err.
func Run(t testing.TB, pkg registry.Package, name, params string, ev api.ExecutionEvent, c *Cluster) *Result {
	t.Helper()
	set, err := registry.NewSet(pkg)
	if err != nil {
		t.Fatalf("apitest.Run: %v", err)
	}
	a, ok := set.Lookup(name)
	if !ok {
		t.Fatalf("apitest.Run: package %s has no action %q%s", pkg.Path, name, config.DidYouMean(name, set.Names()))
	}
	if a.Accepts != nil && !a.Accepts(ev) {
		t.Fatalf("apitest.Run: action %s takes %s, not %T", name, a.Event, ev)
	}
	fn, _, err := config.BindParams(a, []byte(params), config.Global{})
	if err != nil {
		var list config.ErrorList
		if errors.As(err, &list) {
			var msgs []string
			for _, e := range list {
				msgs = append(msgs, e.Msg)
			}
			err = errors.New(strings.Join(msgs, "; "))
		}
		t.Fatalf("apitest.Run: params of %s: %v", name, err)
	}
	x := ev.Execution()
	if c != nil {
		x.SetCluster(c)
	}
	x.Begin("apitest", []string{name}, nil)
	err = fn(context.Background(), ev)
	return &Result{Findings: x.Findings(), Err: err, Stopped: x.Stopped()}
}

// Finding returns the one finding of the run, failing the test (with the
// run printed) when there are none or several.
func (r *Result) Finding(t testing.TB) *api.Finding {
	t.Helper()
	if len(r.Findings) != 1 {
		t.Fatalf("apitest: want one finding, got %d:\n%s", len(r.Findings), r)
	}
	return r.Findings[0]
}

// Blocks returns every block of every finding, in order.
func (r *Result) Blocks() []api.Block {
	var out []api.Block
	for _, f := range r.Findings {
		for _, e := range f.Enrichments {
			out = append(out, e.Blocks...)
		}
	}
	return out
}

// Files returns the contents of the file blocks, by name.
func (r *Result) Files() map[string][]byte {
	out := map[string][]byte{}
	for _, b := range r.Blocks() {
		if f, ok := b.(api.File); ok {
			out[f.Name] = f.Contents
		}
	}
	return out
}

// String prints the run for a failure message: the error, then each
// finding's title, severity, key and subject, and its blocks as the
// file sink writes them.
func (r *Result) String() string {
	var b strings.Builder
	if r.Err != nil {
		fmt.Fprintf(&b, "error: %v\n", r.Err)
	}
	for i, f := range r.Findings {
		fmt.Fprintf(&b, "finding %d: %q %s key=%s subject=%s %s/%s\n", i, f.Title, f.Severity, f.AggregationKey, f.Subject.Kind, f.Subject.Namespace, f.Subject.Name)
		if f.Description != "" {
			fmt.Fprintf(&b, "  description: %s\n", f.Description)
		}
		for _, e := range f.Enrichments {
			for _, blk := range e.Blocks {
				data, err := json.Marshal(api.Enrichment{Blocks: []api.Block{blk}})
				if err != nil {
					data = []byte(err.Error())
				}
				fmt.Fprintf(&b, "  %s\n", data)
			}
		}
	}
	if len(r.Findings) == 0 {
		b.WriteString("no findings\n")
	}
	return b.String()
}
