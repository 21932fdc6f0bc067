package gen

import (
	"errors"
	"testing"

	"github.com/robusta-go/robusta/internal/diag"
)

// TestBadRepo runs the analysis on testdata/bad, which holds one mistake of
// each class with the diagnostic it expects beside it, and checks that
// every mistake is reported at its line and nothing else is.
func TestBadRepo(t *testing.T) {
	_, err := Analyze(t.Context(), Options{Dir: "testdata/bad", NoBuiltins: true})
	var got diag.List
	if !errors.As(err, &got) {
		t.Fatalf("Analyze: got %v, want a diag.List", err)
	}
	checkWants(t, got, wants(t, "testdata/bad"))
}

// TestBadRepoWritesNothing checks that Generate refuses to write anything
// when the sources have mistakes.
func TestBadRepoWritesNothing(t *testing.T) {
	res, err := Generate(t.Context(), Options{Dir: "testdata/bad", Out: t.TempDir()})
	if err == nil || res != nil {
		t.Fatalf("Generate = %v, %v; want no result and the diagnostics", res, err)
	}
}
