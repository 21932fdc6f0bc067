package chat

import (
	"html"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/robusta-go/robusta/runtime/api"
)

// tags writes every construct visibly, so each case shows what was read.
var tags = Dialect{
	Bold:      func(s string) string { return "<b>" + s + "</b>" },
	Italic:    func(s string) string { return "<i>" + s + "</i>" },
	Strike:    func(s string) string { return "<s>" + s + "</s>" },
	Code:      func(s string) string { return "<code>" + html.EscapeString(s) + "</code>" },
	CodeBlock: func(s string) string { return "<pre>" + html.EscapeString(s) + "</pre>" },
	Link: func(u, t string) string {
		if t == "" {
			return "<a>" + u + "</a>"
		}
		return "<a " + u + ">" + t + "</a>"
	},
	Text: html.EscapeString,
}

func TestConvert(t *testing.T) {
	for in, want := range map[string]string{
		"*restarts:* 5":                             "<b>restarts:</b> 5",
		"_slow_ and ~gone~":                         "<i>slow</i> and <s>gone</s>",
		"*bold with _italic_ inside*":               "<b>bold with <i>italic</i> inside</b>",
		"see <https://x.example/a?b=1|the runbook>": "see <a https://x.example/a?b=1>the runbook</a>",
		"<https://x.example>":                       "<a>https://x.example</a>",
		"<https://x.example|*bold* link>":           "<a https://x.example><b>bold</b> link</a>",
		"`a*b*c` and ```\nx < y\n```":               "<code>a*b*c</code> and <pre>x &lt; y</pre>",
		"hey <!here> and <!channel>":                "hey @here and @channel",
		"<@U123> in <#C1|ops>":                      "@U123 in ops",
		"a &lt;b&gt; &amp; c":                       "a &lt;b&gt; &amp; c",
		"snake_case_name and 2*3*4":                 "snake_case_name and 2*3*4",
		"* not bold *":                              "* not bold *",
		"*open\nclose*":                             "*open\nclose*",
		"** empty":                                  "** empty",
		"<not a link":                               "&lt;not a link",
		"<weird>":                                   "&lt;weird&gt;",
		"unclosed ```code":                          "unclosed ```code",
		"ünïcödé *bold*":                            "ünïcödé <b>bold</b>",
	} {
		if got := Convert(in, tags); got != want {
			t.Errorf("Convert(%q)\n got %q\nwant %q", in, got, want)
		}
	}
}

func TestStatus(t *testing.T) {
	for in, want := range map[string]struct {
		resolved bool
		title    string
	}{
		"[RESOLVED] High CPU": {true, "High CPU"},
		"High CPU":            {false, "High CPU"},
		" [RESOLVED]x ":       {true, "x"},
	} {
		r, title := Status(&api.Finding{Title: in})
		if r != want.resolved || title != want.title {
			t.Errorf("Status(%q) = %v, %q; want %v, %q", in, r, title, want.resolved, want.title)
		}
	}
}

func TestTableTextAndDiff(t *testing.T) {
	got := TableText(api.Table{Headers: []string{"name", "ready"}, Rows: [][]string{{"web-1", "true"}, {"a\tb", "x\ny"}}})
	want := "name   ready\nweb-1  true\na b    x y"
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("TableText (-want +got):\n%s", diff)
	}
	d := api.KubernetesDiff{Kind: "Deployment", Name: "web", Namespace: "prod", Diffs: []api.Diff{
		{Path: "spec.replicas", Old: "2", New: "3"}, {Path: "a", New: "1"}, {Path: "b", Old: "0"},
	}}
	if got, want := DiffTitle(d), "Deployment prod/web changed: 1 added, 1 removed, 1 modified"; got != want {
		t.Errorf("DiffTitle = %q, want %q", got, want)
	}
	if diff := cmp.Diff([]string{"spec.replicas: 2 → 3", "a: added 1", "b: removed 0"}, DiffLines(d)); diff != "" {
		t.Errorf("DiffLines (-want +got):\n%s", diff)
	}
}
