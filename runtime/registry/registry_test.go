package registry

import (
	"slices"
	"testing"
)

func TestWithoutReplacesBuiltins(t *testing.T) {
	builtin := Package{Path: "builtin", Actions: []Action{{Name: "logs_enricher"}, {Name: "pod_bash_enricher"}, {Name: "echo"}}}
	repo := Package{Path: "repo", Actions: []Action{{Name: "pod_bash_enricher"}}}

	if _, err := NewSet(builtin, repo); err == nil {
		t.Fatal("NewSet accepted two actions called pod_bash_enricher")
	}
	set, err := NewSet(builtin.Without("pod_bash_enricher"), repo)
	if err != nil {
		t.Fatal(err)
	}
	if got, want := set.Names(), []string{"echo", "logs_enricher", "pod_bash_enricher"}; !slices.Equal(got, want) {
		t.Errorf("Names() = %v, want %v", got, want)
	}
	if got := set.from["pod_bash_enricher"]; got != "repo" {
		t.Errorf("pod_bash_enricher comes from %q, want the repo's", got)
	}
	if len(builtin.Actions) != 3 {
		t.Errorf("Without changed its receiver: %d actions left", len(builtin.Actions))
	}
}
