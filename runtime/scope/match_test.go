package scope

import (
	"testing"
)

// object is a fixed subject for the tests: plain attributes and labels.
type object struct {
	name, namespace string
	labels          map[string]string
	annotations     map[string]string
}

func (o *object) subject() Subject {
	return Subject{
		Get: func(attr string) string {
			if attr == "name" {
				return o.name
			}
			return o.namespace
		},
		Map: func(attr string) map[string]string {
			if attr == "labels" {
				return o.labels
			}
			return o.annotations
		},
	}
}

func mustCompile(t testing.TB, p Params) *Scope {
	t.Helper()
	s, err := Compile(p, ObjectPlain, ObjectMaps)
	if err != nil {
		t.Fatalf("Compile: %v", err)
	}
	return s
}

func TestNilScopeMatchesEverything(t *testing.T) {
	var s *Scope
	if !s.Match(Subject{}) {
		t.Error("nil scope: Match(Subject{}) = false")
	}
	o := &object{name: "x"}
	if !s.Match(o.subject()) {
		t.Error("nil scope: Match = false")
	}
}

func TestEmptyScopeMatchesEverything(t *testing.T) {
	for _, p := range []Params{{}, {Include: []Entry{}}, {Exclude: []Entry{}}} {
		if s := mustCompile(t, p); !s.Match((&object{name: "x"}).subject()) {
			t.Errorf("%+v: Match = false", p)
		}
	}
}

func TestMatch(t *testing.T) {
	tests := []struct {
		name string
		p    Params
		obj  object
		want bool
	}{
		{"full match only", Params{Include: []Entry{{"name": {"api"}}}}, object{name: "api-1"}, false},
		{"alternation stays anchored", Params{Include: []Entry{{"name": {"a|b"}}}}, object{name: "ab"}, false},
		{"alternation", Params{Include: []Entry{{"name": {"a|ab"}}}}, object{name: "ab"}, true},
		{"no newline before end", Params{Include: []Entry{{"name": {"a"}}}}, object{name: "a\n"}, false},
		{"list is OR", Params{Include: []Entry{{"name": {"x", "y"}}}}, object{name: "y"}, true},
		{"entry is AND", Params{Include: []Entry{{"name": {"x"}, "namespace": {"n"}}}}, object{name: "x", namespace: "m"}, false},
		{"entries are OR", Params{Include: []Entry{{"name": {"x"}}, {"namespace": {"n"}}}}, object{name: "y", namespace: "n"}, true},
		{"exclude only", Params{Exclude: []Entry{{"namespace": {"kube-.*"}}}}, object{namespace: "default"}, true},
		{"exclude wins", Params{Include: []Entry{{"name": {".*"}}}, Exclude: []Entry{{"name": {"x"}}}}, object{name: "x"}, false},
		{"empty plain value", Params{Include: []Entry{{"namespace": {""}}}}, object{name: "x"}, true},
		{"label present", Params{Include: []Entry{{"labels": {"app=web"}}}}, object{labels: map[string]string{"app": "web"}}, true},
		{"label value trimmed", Params{Include: []Entry{{"labels": {"app=web"}}}}, object{labels: map[string]string{"app": " web "}}, true},
		{"label absent", Params{Include: []Entry{{"labels": {"app=.*"}}}}, object{labels: map[string]string{"x": "web"}}, false},
		{"labels nil", Params{Include: []Entry{{"labels": {"app=.*"}}}}, object{}, false},
		{"!= other value", Params{Include: []Entry{{"labels": {"app!=web"}}}}, object{labels: map[string]string{"app": "db"}}, true},
		{"!= same value", Params{Include: []Entry{{"labels": {"app!=web"}}}}, object{labels: map[string]string{"app": "web"}}, false},
		{"!= absent key", Params{Include: []Entry{{"labels": {"app!=web"}}}}, object{labels: map[string]string{}}, false},
		{"== means regex =x", Params{Include: []Entry{{"labels": {"app==x"}}}}, object{labels: map[string]string{"app": "=x"}}, true},
		{"empty regex matches empty value", Params{Include: []Entry{{"labels": {"app="}}}}, object{labels: map[string]string{"app": ""}}, true},
		{"pairs are AND", Params{Include: []Entry{{"labels": {"a=1, b=2"}}}}, object{labels: map[string]string{"a": "1", "b": "3"}}, false},
		{"expressions are OR", Params{Include: []Entry{{"labels": {"a=1, b=2", "c=3"}}}}, object{labels: map[string]string{"c": "3"}}, true},
		{"annotations", Params{Include: []Entry{{"annotations": {"app.kubernetes.io/name = prom.*"}}}}, object{annotations: map[string]string{"app.kubernetes.io/name": "prometheus"}}, true},
		{"annotations are not labels", Params{Include: []Entry{{"annotations": {"a=1"}}}}, object{labels: map[string]string{"a": "1"}}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := mustCompile(t, tt.p).Match(tt.obj.subject()); got != tt.want {
				t.Errorf("Match = %v, want %v", got, tt.want)
			}
		})
	}
}

func TestMatchNilSubjectFuncs(t *testing.T) {
	s := mustCompile(t, Params{Include: []Entry{{"name": {""}}}, Exclude: []Entry{{"labels": {"a=.*"}}}})
	if !s.Match(Subject{}) {
		t.Error("Match(Subject{}) = false, want true (empty name, no labels)")
	}
}

func TestMatchDoesNotAllocate(t *testing.T) {
	if raceEnabled {
		// The race detector makes sync.Pool drop items at random, so regexp
		// allocates fresh matchers; the count is meaningless under -race.
		t.Skip("allocation counts are not meaningful under the race detector")
	}
	s := mustCompile(t, Params{
		Include: []Entry{
			{"name": {"api-.*", "web-[0-9]+"}, "labels": {"app = web.*, tier != db"}},
			{"namespace": {"prod"}},
		},
		Exclude: []Entry{{"labels": {"skip=true"}}, {"name": {".*-canary"}}},
	})
	o := &object{
		name:      "web-42",
		namespace: "default",
		labels:    map[string]string{"app": "webserver", "tier": "frontend"},
	}
	sub := o.subject()
	var got bool
	allocs := testing.AllocsPerRun(1000, func() { got = s.Match(sub) })
	if !got {
		t.Fatal("Match = false, want true")
	}
	if allocs != 0 {
		t.Errorf("Match allocates %v times per call, want 0", allocs)
	}
}

func BenchmarkMatch(b *testing.B) {
	s := mustCompile(b, Params{
		Include: []Entry{{"name": {"api-.*", "web-[0-9]+"}, "labels": {"app = web.*, tier != db"}}},
		Exclude: []Entry{{"name": {".*-canary"}}},
	})
	o := &object{name: "web-42", labels: map[string]string{"app": "webserver", "tier": "frontend"}}
	sub := o.subject()
	b.ReportAllocs()
	for b.Loop() {
		s.Match(sub)
	}
}
