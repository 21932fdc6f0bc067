package discord

import (
	"strings"
	"testing"
	"time"
)

func TestChunks(t *testing.T) {
	long := strings.Repeat("é", 5000) // 5,000 wide, 10,000 bytes
	for name, tc := range map[string]struct {
		text  string
		n     int
		parts int
	}{
		"short":              {"a\nb", 10, 1},
		"between lines":      {"aaaa\nbbbb\ncccc", 9, 2},
		"a line over n":      {long, 2000, 3},
		"a fence cut":        {"```\n" + strings.Repeat("line\n", 10) + "```", 20, 5},
		"a long fenced line": {"```diff\n" + long + "\n```", 1000, 6},
		// No empty part around fences that open or close at a cut.
		"no fence-only parts": {"```\n" + strings.Repeat("x", 30) + "\n```", 20, 3},
	} {
		got := chunks(tc.text, tc.n)
		if len(got) != tc.parts {
			t.Errorf("%s: %d parts, want %d", name, len(got), tc.parts)
		}
		var rebuilt []string
		for i, c := range got {
			if w := width(c); w > tc.n {
				t.Errorf("%s: part %d is %d wide, over %d", name, i, w, tc.n)
			}
			if strings.Trim(strings.ReplaceAll(c, "```", ""), "\n") == "" {
				t.Errorf("%s: part %d is only fences: %q", name, i, c)
			}
			if strings.Count(c, "```")%2 != 0 {
				t.Errorf("%s: part %d leaves a fence open: %q", name, i, c)
			}
			rebuilt = append(rebuilt, c)
		}
		// Without the fences chunks adds, the parts hold the text in order.
		join := strings.Join(rebuilt, "")
		strip := strings.NewReplacer("```diff", "", "```", "", "\n", "")
		if strip.Replace(join) != strip.Replace(tc.text) {
			t.Errorf("%s: the parts do not add up to the text", name)
		}
	}
}

// TestChunksWideRunes: a part that has one UTF-16 unit left inside a
// fence ("```" + newline + 1 + "\n```" in 9) before an emoji (two units)
// still moves on, instead of cutting nothing forever.
func TestChunksWideRunes(t *testing.T) {
	text := "```\n" + strings.Repeat("🔥", 10) + "\n```"
	done := make(chan []string)
	go func() { done <- chunks(text, 9) }()
	select {
	case got := <-done:
		if n := strings.Count(strings.Join(got, ""), "🔥"); n != 10 {
			t.Errorf("parts %q hold %d emoji, want 10", got, n)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("chunks did not return")
	}
}
