package scope

import (
	"testing"
)

// raw is a pod as JSON-shaped values, as runtime.DefaultUnstructuredConverter
// gives it.
var raw = map[string]any{
	"metadata": map[string]any{"name": "web-0", "labels": map[string]any{"app": "web"}},
	"spec": map[string]any{
		"containers": []any{map[string]any{"name": "bad"}, map[string]any{"name": "proxy"}},
		"priority":   int64(7),
		"hostIPC":    false,
	},
	"status": map[string]any{"phase": "Pending", "reason": nil, "ratio": 0.5},
}

func TestAttributes(t *testing.T) {
	tests := []struct {
		expr string
		want bool
	}{
		{"status.phase=Pending", true},
		{"status.phase=pending", true}, // case-insensitive, as in Robusta
		{"status.phase=Running", false},
		{"status.phase!=Running", true},
		{"status.phase != Pending", false},
		{"spec.containers[0].name=bad", true},
		{"spec.containers.1.name=PROXY", true}, // pydash's numeric keys
		{"spec.containers[2].name=bad", false},
		{"spec.containers[2].name!=bad", true}, // absent satisfies !=
		{"spec.priority=7", true},
		{"spec.hostIPC=False", true},
		{"status.reason=None", true}, // Python's str(None)
		{"status.ratio=0.5", true},
		{"spec.containers=bad", false}, // not a leaf
		{"spec.containers!=bad", true},
		{"metadata.labels.app=web, status.phase=Pending", true}, // all pairs
		{"metadata.labels.app=web, status.phase=Running", false},
		{"metadata.name=a=b", false}, // split at the last '='
		{"nothing.here=x", false},
	}
	for _, tc := range tests {
		s, err := Compile(Params{Include: []Entry{{"attributes": {tc.expr}}}}, ObjectPlain, ObjectMaps, ObjectPaths...)
		if err != nil {
			t.Fatalf("%s: %v", tc.expr, err)
		}
		if got := s.Match(Subject{Raw: func() any { return raw }}); got != tc.want {
			t.Errorf("%s: got %v, want %v", tc.expr, got, tc.want)
		}
	}
}

// Raw is read once per Match, and not at all when no attributes matcher
// is reached.
func TestAttributesReadRawOnce(t *testing.T) {
	s, err := Compile(Params{
		Include: []Entry{{"attributes": {"status.phase=Running"}}, {"attributes": {"status.phase=Pending"}}},
		Exclude: []Entry{{"attributes": {"metadata.name=api"}}},
	}, ObjectPlain, ObjectMaps, ObjectPaths...)
	if err != nil {
		t.Fatal(err)
	}
	calls := 0
	if !s.Match(Subject{Raw: func() any { calls++; return raw }}) || calls != 1 {
		t.Errorf("Match read Raw %d times, want once (and a match)", calls)
	}
	plain, _ := Compile(Params{Include: []Entry{{"name": {"web-.*"}}}}, ObjectPlain, ObjectMaps, ObjectPaths...)
	calls = 0
	plain.Match(Subject{Get: func(string) string { return "web-0" }, Raw: func() any { calls++; return raw }})
	if calls != 0 {
		t.Errorf("a scope without attributes read Raw %d times", calls)
	}
}

func TestAttributesErrors(t *testing.T) {
	for expr, want := range map[string]string{
		"status.phase":          `include[0].attributes: malformed pair "status.phase": want path=value or path!=value`,
		"=x":                    `include[0].attributes: malformed pair "=x": empty path`,
		"a..b=x":                `include[0].attributes: malformed pair "a..b=x": empty element in path "a..b"`,
		"spec.containers[x]=a":  `include[0].attributes: malformed pair "spec.containers[x]=a": bad index [x] in path "spec.containers[x]"`,
		"spec.containers[0]x=a": `include[0].attributes: malformed pair "spec.containers[0]x=a": unexpected "x" after an index in path "spec.containers[0]x"`,
	} {
		_, err := Compile(Params{Include: []Entry{{"attributes": {expr}}}}, ObjectPlain, ObjectMaps, ObjectPaths...)
		if err == nil || err.Error() != want {
			t.Errorf("%s: err = %v\nwant %s", expr, err, want)
		}
	}
	// Without path attributes, "attributes" is unknown.
	if _, err := Compile(Params{Include: []Entry{{"attributes": {"a=b"}}}}, ObjectPlain, ObjectMaps); err == nil {
		t.Error("attributes accepted where the caller has no path attributes")
	}
}
