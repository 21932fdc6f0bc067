package scope

import "testing"

func TestLevenshtein(t *testing.T) {
	tests := []struct {
		a, b string
		want int
	}{
		{"", "", 0},
		{"", "abc", 3},
		{"abc", "", 3},
		{"name", "name", 0},
		{"nme", "name", 1},
		{"kitten", "sitting", 3},
		{"lables", "labels", 2},
		{"héllo", "hello", 1},
	}
	for _, tt := range tests {
		if got := levenshtein(tt.a, tt.b); got != tt.want {
			t.Errorf("levenshtein(%q, %q) = %d, want %d", tt.a, tt.b, got, tt.want)
		}
		if got := levenshtein(tt.b, tt.a); got != tt.want {
			t.Errorf("levenshtein(%q, %q) = %d, want %d", tt.b, tt.a, got, tt.want)
		}
	}
}

func TestSuggest(t *testing.T) {
	tests := []struct{ name, want string }{
		{"nme", "name"},
		{"Name", "name"},
		{"namespace_label", "namespace_labels"},
		{"severty", "severity"},
		{"nome", "name"}, // ties with node: the earlier candidate wins
		{"x", ""},
		{"labelz_and_more", ""},
	}
	for _, tt := range tests {
		if got := suggest(tt.name, FindingPlain, FindingMaps); got != tt.want {
			t.Errorf("suggest(%q) = %q, want %q", tt.name, got, tt.want)
		}
	}
}
