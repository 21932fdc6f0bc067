package config

import (
	"fmt"
	"strings"

	santhosh "github.com/santhosh-tekuri/jsonschema/v6"
	"github.com/santhosh-tekuri/jsonschema/v6/kind"
	"golang.org/x/text/language"
	"golang.org/x/text/message"

	"github.com/robusta-go/robusta/runtime/schema"
	"github.com/robusta-go/robusta/runtime/trigger"
)

// printer renders the library's messages for the kinds not phrased here.
var printer = message.NewPrinter(language.English)

// problem phrases a failed keyword; kinds not listed keep the library's
// wording.
func problem(k santhosh.ErrorKind) string {
	switch k := k.(type) {
	case *kind.Type:
		return fmt.Sprintf("got %s, want %s", jsonType(k.Got), joinTypes(k.Want))
	case *kind.Enum:
		want := make([]string, len(k.Want))
		strs := make([]string, 0, len(k.Want))
		for i, w := range k.Want {
			want[i] = display(w)
			if s, ok := w.(string); ok {
				strs = append(strs, s)
			}
		}
		msg := fmt.Sprintf("%s is not one of %s", display(k.Got), strings.Join(want, ", "))
		if g, ok := k.Got.(string); ok {
			msg += didYouMean(g, strs)
		}
		return msg
	case *kind.Pattern:
		if k.Want == schema.DurationPattern {
			return fmt.Sprintf("%q is not a duration such as 30s, 5m or 1h30m", k.Got)
		}
		if k.Want == trigger.CronPattern {
			return fmt.Sprintf("%q is not a cron expression: five fields (minute hour day-of-month month day-of-week), a descriptor such as @hourly, or @every 1h", k.Got)
		}
		return fmt.Sprintf("%q does not match the pattern %s", k.Got, k.Want)
	case *kind.Minimum:
		return fmt.Sprintf("got %s, want at least %s", k.Got.RatString(), k.Want.RatString())
	case *kind.Maximum:
		return fmt.Sprintf("got %s, want at most %s", k.Got.RatString(), k.Want.RatString())
	case *kind.ExclusiveMinimum:
		return fmt.Sprintf("got %s, want more than %s", k.Got.RatString(), k.Want.RatString())
	case *kind.ExclusiveMaximum:
		return fmt.Sprintf("got %s, want less than %s", k.Got.RatString(), k.Want.RatString())
	case *kind.MinLength:
		return fmt.Sprintf("got %d characters, want at least %d", k.Got, k.Want)
	case *kind.MaxLength:
		return fmt.Sprintf("got %d characters, want at most %d", k.Got, k.Want)
	case *kind.MinItems:
		return fmt.Sprintf("got %d items, want at least %d", k.Got, k.Want)
	case *kind.MaxItems:
		return fmt.Sprintf("got %d items, want at most %d", k.Got, k.Want)
	case *kind.MinProperties:
		return fmt.Sprintf("got %d keys, want at least %d", k.Got, k.Want)
	case *kind.MaxProperties:
		return fmt.Sprintf("got %d keys, want at most %d", k.Got, k.Want)
	case *kind.FalseSchema:
		return "not allowed"
	}
	return k.LocalizedString(printer)
}

// jsonType names a JSON type the way a YAML author thinks of it.
func jsonType(t string) string {
	switch t {
	case "object":
		return "a mapping"
	case "array":
		return "a list"
	}
	return t
}

func joinTypes(ts []string) string {
	out := make([]string, len(ts))
	for i, t := range ts {
		out[i] = jsonType(t)
	}
	return strings.Join(out, " or ")
}

// display renders a JSON value in a message: strings quoted.
func display(v any) string {
	if s, ok := v.(string); ok {
		return fmt.Sprintf("%q", s)
	}
	if v == nil {
		return "null"
	}
	return fmt.Sprint(v)
}

// formatPath renders a JSON path as a.b[0].c.
func formatPath(path []string) string {
	var b strings.Builder
	for i, p := range path {
		switch {
		case isIndex(p):
			b.WriteString("[" + p + "]")
		case i > 0:
			b.WriteString("." + p)
		default:
			b.WriteString(p)
		}
	}
	return b.String()
}

func isIndex(s string) bool {
	if s == "" {
		return false
	}
	for _, r := range s {
		if r < '0' || r > '9' {
			return false
		}
	}
	return true
}
