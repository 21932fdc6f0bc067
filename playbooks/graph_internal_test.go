package playbooks

import (
	"testing"
	"time"
)

func TestSplitThreshold(t *testing.T) {
	for _, c := range []struct {
		in, lhs, label string
		ok             bool
	}{
		{`sum(rate(x[5m])) > 0.5`, `sum(rate(x[5m]))`, "> 0.5", true},
		{`up{job="a"} < 1`, `up{job="a"}`, "< 1", true},
		{`avg(x) >= 1e3`, `avg(x)`, ">= 1e3", true},
		{`(a > 1)`, "", "", false},                // inside parentheses
		{`a > bool 1`, "", "", false},             // 0/1 result
		{`a > 1 unless b < 2`, "", "", false},     // the comparison binds b only
		{`a and b > 3`, "", "", false},            // set operator at top level
		{`x{l=">"} > 2`, `x{l=">"}`, "> 2", true}, // operators in strings count not
		{`increase(x[1h]) != 0`, "", "", false},   // not a threshold
		{`count(up == 0) > 2`, `count(up == 0)`, "> 2", true},
	} {
		lhs, th, ok := splitThreshold(c.in)
		if ok != c.ok || lhs != c.lhs || th.label != c.label {
			t.Errorf("splitThreshold(%s) = %q, %q, %v; want %q, %q, %v", c.in, lhs, th.label, ok, c.lhs, c.label, c.ok)
		}
	}
}

func TestPromQueryEscapesValues(t *testing.T) {
	got := promQuery(`up{pod="$pod", ns="$namespace", x="$unknown"}`, map[string]string{"pod": `a"b\c`, "namespace": "prod"})
	if want := `up{pod="a\"b\\c", ns="prod", x="<missing>"}`; got != want {
		t.Errorf("promQuery = %s, want %s", got, want)
	}
}

func TestGraphStep(t *testing.T) {
	for d, want := range map[time.Duration]time.Duration{
		time.Hour:           14400 * time.Millisecond,
		time.Minute:         time.Second, // never under a second
		6 * time.Hour:       time.Minute,
		48 * time.Hour:      5 * time.Minute,
		30 * 24 * time.Hour: 864 * time.Second,
	} {
		if got := graphStep(d); got != want {
			t.Errorf("graphStep(%v) = %v, want %v", d, got, want)
		}
	}
}
