package config

import (
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/robusta-go/robusta/runtime/sink"
)

// Robusta's grouping examples (its notification-grouping docs) load as
// they are, typed.
func TestGroupingRobustaExamples(t *testing.T) {
	doc := `sinksConfig:
- slack_sink:
    name: daily
    slack_channel: alerts
    api_key: xoxb-x
    grouping:
      group_by: ["cluster"]
      interval: 86400
      notification_mode:
        summary:
          threaded: true
          by:
            - identifier
- slack_sink:
    name: threads
    slack_channel: alerts
    api_key: xoxb-x
    grouping:
      group_by:
        - cluster
        - namespace
        - identifier
        - workload
        - severity
        - labels:
            - app
        - annotations:
            - team
      interval: 3600
- slack_sink:
    name: breakdown
    slack_channel: alerts
    api_key: xoxb-x
    grouping:
      group_by:
        - namespace
      interval: 1800
      notification_mode:
        summary:
          threaded: true
          by:
            - identifier
            - severity
- slack_sink:
    name: noisy
    slack_channel: alerts
    api_key: xoxb-x
    scope:
      include:
        - identifier: ImagePullBackoff
    grouping:
      group_by:
        - cluster
      interval: 300
      notification_mode:
        regular:
          ignore_first: 3
`
	if got := warnings(t, doc); len(got) != 0 {
		t.Errorf("warnings: %q", got)
	}
	cfg, err := Load("values.yaml", []byte(doc), testActions(t))
	if err != nil {
		t.Fatal(err)
	}
	g := func(i int) *sink.Grouping { return cfg.Sinks[i].Common.Grouping }
	if s := g(0).Summary(); g(0).Window() != 24*time.Hour || !s.IsThreaded() || len(s.By) != 1 || s.By[0].Name != "identifier" {
		t.Errorf("daily: %+v", g(0))
	}
	var names []string
	for _, a := range g(1).Keys() {
		names = append(names, strings.Join(a.Header(), "+"))
	}
	if want := []string{"cluster", "namespace", "notification", "workload", "severity", "label:app", "annotation:team"}; !slices.Equal(names, want) {
		t.Errorf("threads group_by = %q, want %q", names, want)
	}
	if g(1).Summary() == nil || g(1).Regular() != nil {
		t.Error("threads: no notification_mode is summary mode")
	}
	if r := g(3).Regular(); r == nil || r.IgnoreFirst != 3 || g(3).Summary() != nil || g(3).Window() != 5*time.Minute {
		t.Errorf("noisy: %+v", g(3))
	}
}

// Bad grouping is refused at its position, with the valid name suggested.
func TestGroupingErrors(t *testing.T) {
	doc := `sinksConfig:
- stdout_sink:
    name: a
    grouping:
      group_by: [namspace, {labels: [app], annotations: [team]}]
      interval: 0
      notification_mode:
        regular: {ignore_first: 0}
- stdout_sink:
    name: b
    grouping:
      notification_mode:
        summary: {threaded: true, bye: [severity]}
- stdout_sink:
    name: c
    grouping:
      notification_mode:
        regular: {ignore_first: 2}
        summary: {}
- stdout_sink:
    name: d
    grouping:
      notification_mode: {}
- stdout_sink:
    name: e
    grouping:
      group_by: [{label: [app]}]
      notification_mode:
        regular: {}
`
	_, err := Load("values.yaml", []byte(doc), testActions(t))
	if err == nil {
		t.Fatal("Load: no error")
	}
	for _, want := range []string{
		`values.yaml:5:18: param "grouping.group_by[0]" of stdout_sink: "namspace" is not one of`,
		`(did you mean "namespace"?)`,
		`values.yaml:5:28: param "grouping.group_by[1]" of stdout_sink: got 2 keys, want at most 1`,
		`values.yaml:6:17: param "grouping.interval" of stdout_sink: got 0, want at least 1`,
		`values.yaml:8:33: param "grouping.notification_mode.regular.ignore_first" of stdout_sink: got 0, want at least 1`,
		`values.yaml:13:35: unknown param "grouping.notification_mode.summary.bye" of stdout_sink (did you mean "by"?)`,
		`values.yaml:17:7: param "grouping.notification_mode" of stdout_sink: "regular" and "summary" must not be set together`,
		`values.yaml:23:7: param "grouping.notification_mode" of stdout_sink: set "regular" or "summary"`,
		`values.yaml:27:19: unknown param "grouping.group_by[0].label" of stdout_sink (did you mean "labels"?)`,
		`values.yaml:29:9: missing required param "grouping.notification_mode.regular.ignore_first" of stdout_sink`,
	} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("missing %q in:\n%v", want, err)
		}
	}
}
