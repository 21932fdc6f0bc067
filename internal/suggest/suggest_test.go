package suggest

import (
	"strings"
	"testing"
)

func TestDistance(t *testing.T) {
	for _, tt := range []struct {
		a, b string
		want int
	}{
		{"", "", 0},
		{"", "abc", 3},
		{"name", "name", 0},
		{"nme", "name", 1},
		{"kitten", "sitting", 3},
		{"lables", "labels", 1}, // one swap, two for Levenshtein
		{"actoin", "action", 1},
		{"ca", "abc", 3}, // optimal string alignment: no edit of a swapped pair
		{"héllo", "hello", 1},
		{"Name", "name", 0},
		{"ServiceAccount", "serviceaccount", 0},
	} {
		if got := Distance(tt.a, tt.b); got != tt.want {
			t.Errorf("Distance(%q, %q) = %d, want %d", tt.a, tt.b, got, tt.want)
		}
		if got := Distance(tt.b, tt.a); got != tt.want {
			t.Errorf("Distance(%q, %q) = %d, want %d", tt.b, tt.a, got, tt.want)
		}
	}
}

func TestClosest(t *testing.T) {
	names := []string{"name", "node", "namespace", "labels", "namespace_labels", "severity", "id", "HIGH"}
	for _, tt := range []struct{ in, want string }{
		{"nme", "name"},
		{"Name", "name"},
		{"lables", "labels"},
		{"namespace_label", "namespace_labels"},
		{"severty", "severity"},
		{"nome", "name"},            // ties with node: the earlier candidate wins
		{"x", ""},                   // "id" is two changes away: another word
		{"nmx", ""},                 // two changes from "name" in three runes: too many
		{"HUGE", "HIGH"},            // two changes in four runes: a suggestion
		{"nmae_sapce", "namespace"}, // two swaps and an extra letter: within a third
		{"labelz_and_more", ""},
		{strings.Repeat("n", MaxLen+1), ""},
	} {
		if got := Closest(tt.in, names); got != tt.want {
			t.Errorf("Closest(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
	// The name itself is no correction, though it is a candidate.
	if got := Closest("name", []string{"name", "naem"}); got != "naem" {
		t.Errorf("Closest(name) = %q, want the other candidate", got)
	}
	if got := Closest("anything", nil); got != "" {
		t.Errorf("Closest with no candidates = %q", got)
	}
}
