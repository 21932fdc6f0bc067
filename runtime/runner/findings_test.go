package runner_test

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"slices"
	"testing"

	"github.com/robusta-go/robusta/runtime/kube/kubetest"
)

// finding is a file_sink line, minus what differs on every run (the start
// time) and what is derived (the fingerprint, checked to be there). Blocks
// stay generic maps, so that the test sees exactly the JSON a sink consumer
// would, not what a Go type makes of it.
type finding struct {
	Title          string       `json:"title"`
	Description    string       `json:"description,omitempty"`
	Severity       string       `json:"severity"`
	Source         string       `json:"source"`
	Type           string       `json:"finding_type,omitempty"`
	AggregationKey string       `json:"aggregation_key"`
	Subject        subject      `json:"subject"`
	Playbook       string       `json:"playbook,omitempty"`
	Actions        []string     `json:"actions,omitempty"`
	Enrichments    []enrichment `json:"enrichments"`
}

type subject struct {
	Kind        string            `json:"kind,omitempty"`
	Name        string            `json:"name,omitempty"`
	Namespace   string            `json:"namespace,omitempty"`
	Node        string            `json:"node,omitempty"`
	Labels      map[string]string `json:"labels,omitempty"`
	Annotations map[string]string `json:"annotations,omitempty"`
}

type enrichment struct {
	Title  string           `json:"title,omitempty"`
	Blocks []map[string]any `json:"blocks"`
}

// findings is the path of a file_sink's file.
type findings string

// Read parses the complete lines written so far; a missing file is no
// findings yet.
func (f findings) Read(t *testing.T) []finding {
	t.Helper()
	data, err := os.ReadFile(string(f))
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err != nil {
		t.Fatal(err)
	}
	var out []finding
	for len(data) > 0 {
		i := bytes.IndexByte(data, '\n')
		if i < 0 {
			break // a line being written; the sink writes whole lines, but be safe
		}
		var raw struct {
			finding
			Fingerprint string `json:"fingerprint"`
			StartsAt    string `json:"starts_at"`
		}
		if err := json.Unmarshal(data[:i], &raw); err != nil {
			t.Fatalf("findings line %q: %v", data[:i], err)
		}
		if raw.Fingerprint == "" || raw.StartsAt == "" {
			t.Errorf("finding %q has no fingerprint or start time: %s", raw.Title, data[:i])
		}
		out = append(out, raw.finding)
		data = data[i+1:]
	}
	return out
}

// Wait waits until done holds for the findings written and returns them.
func (f findings) Wait(t *testing.T, what string, done func([]finding) bool) []finding {
	t.Helper()
	var got []finding
	kubetest.Eventually(t, wait, what, func() bool {
		got = f.Read(t)
		return done(got)
	})
	return got
}

// WaitN waits until at least n findings are written and returns them all.
func (f findings) WaitN(t *testing.T, n int) []finding {
	t.Helper()
	return f.Wait(t, fmt.Sprintf("%d findings", n), func(all []finding) bool { return len(all) >= n })
}

// WaitFor waits until a finding matches and returns every finding written.
func (f findings) WaitFor(t *testing.T, what string, match func(finding) bool) []finding {
	t.Helper()
	return f.Wait(t, what, func(all []finding) bool { return slices.ContainsFunc(all, match) })
}

// count counts the findings of a playbook.
func count(all []finding, playbook string) int {
	n := 0
	for _, f := range all {
		if f.Playbook == playbook {
			n++
		}
	}
	return n
}

// about keeps the findings about one object, in file order: the order the
// runner handled its changes, since a worker owns each object.
func about(all []finding, kind, namespace, name string) []finding {
	var out []finding
	for _, f := range all {
		if f.Subject.Kind == kind && f.Subject.Namespace == namespace && f.Subject.Name == name {
			out = append(out, f)
		}
	}
	return out
}
