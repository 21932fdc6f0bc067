package prom_test

import (
	"testing"

	"github.com/robusta-go/robusta/runtime/prom"
)

func TestAddLabels(t *testing.T) {
	labels := map[string]string{"cluster": "prod", "a": `q"x`}
	for _, c := range []struct{ in, want string }{
		{`up{job="api"}`, `up{job="api", a="q\"x", cluster="prod"}`},
		{`up{}`, `up{a="q\"x", cluster="prod"}`},
		{`up`, `up`},
		{`x{re=~"a{2}"} / y{ }`, `x{re=~"a{2}", a="q\"x", cluster="prod"} / y{ a="q\"x", cluster="prod"}`},
		{`x{s="\"}"}`, `x{s="\"}", a="q\"x", cluster="prod"}`},
	} {
		if got := prom.AddLabels(c.in, labels); got != c.want {
			t.Errorf("AddLabels(%s) = %s, want %s", c.in, got, c.want)
		}
	}
	if got := prom.AddLabels(`up{a="b"}`, nil); got != `up{a="b"}` {
		t.Errorf("no labels changed the query: %s", got)
	}
}
