package scan

import (
	"fmt"

	"github.com/robusta-go/robusta/internal/suggest"
)

// Known are the directive names of the //robusta: namespace.
var known = []string{"action", "rbac"}

// suggestDirective is the hint for an unknown directive name: the closest
// known one, else the list.
func suggestDirective(name string) string {
	if s := suggest.Closest(name, known); s != "" {
		return fmt.Sprintf(" (did you mean //%s:%s?)", Tool, s)
	}
	return fmt.Sprintf(" (known: //%s:action, //%s:rbac)", Tool, Tool)
}

// suggestKey is the hint for an unknown argument key among keys: the
// closest, else the list, since a directive has few keys.
func suggestKey(key string, keys []string, prefix string) string {
	if s := suggest.Closest(key, keys); s != "" {
		return fmt.Sprintf(" (did you mean %s%s=?)", prefix, s)
	}
	list := ""
	for i, k := range keys {
		if i > 0 {
			list += ", "
		}
		list += k + "="
	}
	return " (known: " + list + ")"
}
