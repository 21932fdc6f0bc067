package tmpl

import "testing"

func TestExpand(t *testing.T) {
	lookup := Lookup(
		map[string]string{"name": "web-1", "namespace": "prod", "kind": "Pod", "cluster_name": "eu"},
		map[string]map[string]string{
			"labels":      {"app": "web", "env": "prod"},
			"annotations": {"kubernetes.io/service-name": "svc"},
		},
	)
	for in, want := range map[string]string{
		"plain text":                       "plain text",
		"$kind $name in $namespace":        "Pod web-1 in prod",
		"${name}x":                         "web-1x",
		"$labels.app":                      "web",
		"$cluster_name-alerts-$labels.env": "eu-alerts-prod",
		"${annotations.kubernetes.io/service-name}": "svc",
		"crashed: $name.":                "crashed: web-1.",
		"$unknown and $labels.none":      "<missing> and <missing>",
		"costs $$5, $ alone, trailing $": "costs $5, $ alone, trailing $",
		"unclosed ${name":                "unclosed ${name",
		"$1 is not a variable":           "$1 is not a variable",
	} {
		if got := Expand(in, lookup); got != want {
			t.Errorf("Expand(%q) = %q, want %q", in, got, want)
		}
	}
}

func FuzzExpand(f *testing.F) {
	for _, s := range []string{"$name", "${labels.a}", "$$", "${", "$"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		Expand(s, func(string) (string, bool) { return "v", true }) // must not panic
	})
}
