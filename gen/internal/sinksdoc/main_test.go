package main

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/robusta-go/robusta/gen/docs"
	"github.com/robusta-go/robusta/runtime/sinks"
)

// TestRunWritesOnlyChanges: run writes the page, and a second run over an
// up-to-date file leaves it alone (its mtime is not touched), so go generate
// over a clean tree changes nothing.
func TestRunWritesOnlyChanges(t *testing.T) {
	out := filepath.Join(t.TempDir(), "sinks.md")
	if err := run(out); err != nil {
		t.Fatal(err)
	}
	got, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, docs.Sinks(sinks.Types())) {
		t.Fatalf("run wrote something other than docs.Sinks")
	}
	old := time.Date(2020, 1, 1, 0, 0, 0, 0, time.UTC)
	if err := os.Chtimes(out, old, old); err != nil {
		t.Fatal(err)
	}
	if err := run(out); err != nil {
		t.Fatal(err)
	}
	fi, err := os.Stat(out)
	if err != nil {
		t.Fatal(err)
	}
	if !fi.ModTime().Equal(old) {
		t.Errorf("an up-to-date page was rewritten at %v", fi.ModTime())
	}
	if err := run(""); err == nil {
		t.Error("run without -out succeeded")
	}
}
