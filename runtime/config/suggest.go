package config

import (
	"fmt"

	"github.com/robusta-go/robusta/internal/suggest"
)

// didYouMean is " (did you mean \"x\"?)" for the candidate closest to name
// by the module's one rule (internal/suggest), or "".
func didYouMean(name string, candidates []string) string {
	if s := suggest.Closest(name, candidates); s != "" {
		return fmt.Sprintf(" (did you mean %q?)", s)
	}
	return ""
}
