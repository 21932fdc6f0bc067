package scope

import (
	"errors"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// problem is an *Error flattened for comparison.
type problem struct {
	Path []string
	Msg  string
}

// problems unjoins err and checks that every part is an *Error.
func problems(t *testing.T, err error) []problem {
	t.Helper()
	if err == nil {
		return nil
	}
	j, ok := err.(interface{ Unwrap() []error })
	if !ok {
		t.Fatalf("error %v is not joined", err)
	}
	var out []problem
	for _, e := range j.Unwrap() {
		var se *Error
		if !errors.As(e, &se) {
			t.Fatalf("error %v (%T) is not an *Error", e, e)
		}
		out = append(out, problem{se.Path, se.Err.Error()})
	}
	return out
}

func TestCompileErrors(t *testing.T) {
	tests := []struct {
		name string
		p    Params
		want []problem
	}{{
		name: "unknown attribute with suggestion",
		p:    Params{Include: []Entry{{"nme": {"x"}}}},
		want: []problem{{[]string{"include", "0", "nme"}, `unknown attribute "nme" (did you mean "name"?)`}},
	}, {
		name: "unknown map attribute suggests map name",
		p:    Params{Exclude: []Entry{{"name": {"x"}}, {"lables": {"a=b"}}}},
		want: []problem{{[]string{"exclude", "1", "lables"}, `unknown attribute "lables" (did you mean "labels"?)`}},
	}, {
		name: "unknown attribute without suggestion",
		p:    Params{Include: []Entry{{"severity": {"HIGH"}}}},
		want: []problem{{[]string{"include", "0", "severity"}, `unknown attribute "severity"`}},
	}, {
		name: "empty entry",
		p:    Params{Include: []Entry{{}}},
		want: []problem{{[]string{"include", "0"}, "empty entry: give at least one attribute"}},
	}, {
		name: "attribute without values",
		p:    Params{Include: []Entry{{"name": nil}}},
		want: []problem{{[]string{"include", "0", "name"}, "no value: give a regex or a list of regexes"}},
	}, {
		name: "bad regex",
		p:    Params{Include: []Entry{{"name": {"a("}}}},
		want: []problem{{[]string{"include", "0", "name"}, "invalid regex \"a(\": error parsing regexp: missing closing ): `a(`"}},
	}, {
		name: "bad regex in a list is indexed",
		p:    Params{Include: []Entry{{"namespace": {"ok", "[z-a]"}}}},
		want: []problem{{[]string{"include", "0", "namespace", "1"}, "invalid regex \"[z-a]\": error parsing regexp: invalid character class range: `z-a`"}},
	}, {
		name: "regex escaping the anchors is rejected",
		p:    Params{Include: []Entry{{"name": {"a)|(b"}}}},
		want: []problem{{[]string{"include", "0", "name"}, "invalid regex \"a)|(b\": error parsing regexp: unexpected ): `a)|(b`"}},
	}, {
		name: "malformed pairs",
		p:    Params{Include: []Entry{{"labels": {"app", " = x", "a=b,", "!=x"}}}},
		want: []problem{
			{[]string{"include", "0", "labels", "0"}, `malformed pair "app": want key=regex or key!=regex`},
			{[]string{"include", "0", "labels", "1"}, `malformed pair "= x": want key=regex or key!=regex`},
			{[]string{"include", "0", "labels", "2"}, `malformed pair "": want key=regex or key!=regex`},
			{[]string{"include", "0", "labels", "3"}, `malformed pair "!=x": want key=regex or key!=regex`},
		},
	}, {
		name: "bad regex in a pair",
		p:    Params{Exclude: []Entry{{"annotations": {"a=ok, b != q["}}}},
		want: []problem{{[]string{"exclude", "0", "annotations"}, "invalid regex \"q[\": error parsing regexp: missing closing ]: `[`"}},
	}, {
		name: "all errors are reported, in order",
		p: Params{
			Include: []Entry{
				{"name": {"("}, "nmespace": {"x"}, "labels": {"nokey"}},
				{},
			},
			Exclude: []Entry{{"annotation": {"a=b"}}},
		},
		want: []problem{
			{[]string{"include", "0", "labels"}, `malformed pair "nokey": want key=regex or key!=regex`},
			{[]string{"include", "0", "name"}, "invalid regex \"(\": error parsing regexp: missing closing ): `(`"},
			{[]string{"include", "0", "nmespace"}, `unknown attribute "nmespace" (did you mean "namespace"?)`},
			{[]string{"include", "1"}, "empty entry: give at least one attribute"},
			{[]string{"exclude", "0", "annotation"}, `unknown attribute "annotation" (did you mean "annotations"?)`},
		},
	}}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, err := Compile(tt.p, ObjectPlain, ObjectMaps)
			if err == nil {
				t.Fatal("Compile succeeded, want errors")
			}
			if s != nil {
				t.Errorf("Compile returned a scope along with errors")
			}
			if diff := cmp.Diff(tt.want, problems(t, err)); diff != "" {
				t.Errorf("errors (-want +got):\n%s", diff)
			}
		})
	}
}

func TestErrorFormat(t *testing.T) {
	_, err := Compile(Params{Include: []Entry{{"labels": {"ok=1", "bad"}}}, Exclude: []Entry{{"nme": {"x"}}}}, ObjectPlain, ObjectMaps)
	want := "include[0].labels[1]: malformed pair \"bad\": want key=regex or key!=regex\n" +
		"exclude[0].nme: unknown attribute \"nme\" (did you mean \"name\"?)"
	if err == nil || err.Error() != want {
		t.Errorf("err = %v\nwant %s", err, want)
	}
	for _, target := range []error{ErrMalformedPair, ErrUnknownAttribute} {
		if !errors.Is(err, target) {
			t.Errorf("errors.Is(err, %v) = false", target)
		}
	}
	if got := (&Error{Err: ErrEmptyEntry}).Error(); got != ErrEmptyEntry.Error() {
		t.Errorf("pathless Error() = %q", got)
	}
}

func TestCompileSentinels(t *testing.T) {
	tests := []struct {
		p    Params
		want error
	}{
		{Params{Include: []Entry{{"x": {"a"}}}}, ErrUnknownAttribute},
		{Params{Include: []Entry{{}}}, ErrEmptyEntry},
		{Params{Include: []Entry{{"name": {}}}}, ErrNoValues},
		{Params{Include: []Entry{{"labels": {"a"}}}}, ErrMalformedPair},
		{Params{Include: []Entry{{"name": {"*"}}}}, ErrBadRegex},
	}
	for _, tt := range tests {
		if _, err := Compile(tt.p, ObjectPlain, ObjectMaps); !errors.Is(err, tt.want) {
			t.Errorf("Compile(%v) = %v, want errors.Is %v", tt.p, err, tt.want)
		}
	}
}

func TestCompileDoesNotModifyAttributeSets(t *testing.T) {
	before := append([]string(nil), FindingPlain...)
	if _, err := Compile(Params{Include: []Entry{{"title": {"x"}}}}, FindingPlain, FindingMaps); err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(before, FindingPlain); diff != "" {
		t.Errorf("FindingPlain changed (-before +after):\n%s", diff)
	}
}
