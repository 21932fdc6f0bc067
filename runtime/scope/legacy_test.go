package scope

import (
	"errors"
	"testing"
)

func TestLegacyMatch(t *testing.T) {
	sub := Subject{
		Get: func(attr string) string {
			return map[string]string{"title": "Crashing pod api-0", "severity": "HIGH", "namespace": "prod"}[attr]
		},
		Map: func(attr string) map[string]string {
			if attr == "labels" {
				return map[string]string{"app": "api", "team": "core"}
			}
			return nil
		},
	}
	for _, tc := range []struct {
		m    LegacyMatch
		want bool
	}{
		{nil, true},
		{LegacyMatch{"title": {"Crash"}}, true}, // anchored at the start only
		{LegacyMatch{"title": {"pod"}}, false},
		{LegacyMatch{"severity": {"LOW", "HIGH"}}, true},
		{LegacyMatch{"severity": {"HIGH"}, "namespace": {"dev"}}, false}, // every attribute
		{LegacyMatch{"labels": {"app=api, team=core"}}, true},
		{LegacyMatch{"labels": {"app=ap"}}, false}, // exact values
		{LegacyMatch{"labels": {"app=web", "team=core"}}, true},
		{LegacyMatch{"annotations": {"x=y"}}, false},
	} {
		m, err := CompileMatch(tc.m, FindingPlain, FindingMaps)
		if err != nil {
			t.Fatal(err)
		}
		if got := m.Match(sub); got != tc.want {
			t.Errorf("%v: got %v, want %v", tc.m, got, tc.want)
		}
	}
}

func TestLegacyMatchErrors(t *testing.T) {
	_, err := CompileMatch(LegacyMatch{"titl": {"x"}, "name": {"("}, "labels": {"novalue"}}, FindingPlain, FindingMaps)
	var paths []string
	for _, e := range err.(interface{ Unwrap() []error }).Unwrap() {
		var se *Error
		if !errors.As(e, &se) {
			t.Fatalf("%v is not an *Error", e)
		}
		paths = append(paths, se.Error())
	}
	want := []string{
		`labels: malformed pair "novalue": want key=value`,
		`name: invalid regex "(": error parsing regexp: missing closing ): ` + "`(`",
		`titl: unknown attribute "titl" (did you mean "title"?)`,
	}
	if len(paths) != len(want) {
		t.Fatalf("errors = %q, want %q", paths, want)
	}
	for i := range want {
		if paths[i] != want[i] {
			t.Errorf("error %d = %q, want %q", i, paths[i], want[i])
		}
	}
}
