package trigger

import (
	"errors"
	"reflect"
	"testing"

	"github.com/google/go-cmp/cmp"
	corev1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"

	"github.com/robusta-go/robusta/runtime/api"
)

func TestSpecsCoverRobustasTriggers(t *testing.T) {
	if got := len(Specs()); got != 20*4+4+2+11 {
		t.Errorf("%d triggers, want 97 (20 kinds x 4, 4 any-resource, alert, schedule, 11 derived)", got)
	}
	for name, want := range map[string]string{
		"on_pod_crash_loop":                      "PodChangeEvent",
		"on_image_pull_backoff":                  "PodChangeEvent",
		"on_pod_oom_killed":                      "PodChangeEvent",
		"on_container_oom_killed":                "PodChangeEvent",
		"on_pod_evicted":                         "PodChangeEvent",
		"on_job_failure":                         "JobChangeEvent",
		"on_kubernetes_warning_event":            "EventChangeEvent",
		"on_kubernetes_warning_event_create":     "EventChangeEvent",
		"on_kubernetes_warning_event_update":     "EventChangeEvent",
		"on_kubernetes_warning_event_delete":     "EventChangeEvent",
		"on_kubernetes_resource_operation":       "AnyResourceChangeEvent",
		"on_pod_update":                          "PodChangeEvent",
		"on_horizontalpodautoscaler_all_changes": "HorizontalPodAutoscalerChangeEvent",
		"on_kubernetes_any_resource_delete":      "AnyResourceChangeEvent",
		"on_prometheus_alert":                    "PrometheusAlertEvent",
		"on_schedule":                            "ScheduledEvent",
	} {
		s, ok := Lookup(name)
		if !ok || s.Event != want {
			t.Errorf("Lookup(%s) = %+v, %v; want event %s", name, s, ok, want)
		}
	}
}

// Every Kubernetes trigger builds its own kind's event type.
func TestChangeEventsMatchTheirSpec(t *testing.T) {
	for _, s := range Specs() {
		if s.Class != Kubernetes && s.Class != AnyResource {
			continue
		}
		ev := NewChangeEvent(&s, api.OperationUpdate, nil, nil)
		if got := reflect.TypeOf(ev).Elem().Name(); got != s.Event {
			t.Errorf("%s builds %s, want %s", s.Name, got, s.Event)
		}
	}
}

func pod(ns, name string, labels, annotations map[string]string) *corev1.Pod {
	return &corev1.Pod{ObjectMeta: metav1.ObjectMeta{Namespace: ns, Name: name, Labels: labels, Annotations: annotations}}
}

func compile(t *testing.T, name, params string) *Trigger {
	t.Helper()
	s, _ := Lookup(name)
	tr, err := Compile(s, []byte(params))
	if err != nil {
		t.Fatal(err)
	}
	return tr
}

func TestMatchObject(t *testing.T) {
	web := pod("prod-eu", "web-1", map[string]string{"app": "web", "tier": "front"}, map[string]string{"owner": "team-a"})
	for _, tc := range []struct {
		params string
		want   bool
	}{
		{``, true},
		{`{"name_prefix":"web-"}`, true},
		{`{"name_prefix":"db-"}`, false},
		{`{"namespace_prefix":"prod"}`, true},
		{`{"namespace_prefix":"staging"}`, false},
		{`{"labels_selector":"app=web,tier=front"}`, true},
		{`{"labels_selector":"app=web,tier=back"}`, false},
		{`{"labels_selector":"app in (web,api),!canary"}`, true},
		{`{"scope":{"include":[{"name":"web-.*","namespace":["prod-.*"]}]}}`, true},
		{`{"scope":{"include":[{"name":"web"}]}}`, false}, // full match, not prefix
		{`{"scope":{"exclude":[{"annotations":"owner=team-.*"}]}}`, false},
		{`{"scope":{"include":[{"labels":"app=web"}],"exclude":[{"namespace":"kube-.*"}]}}`, true},
	} {
		if got := compile(t, "on_pod_update", tc.params).MatchObject(web); got != tc.want {
			t.Errorf("%s: got %v, want %v", tc.params, got, tc.want)
		}
	}
}

func TestMatchObjectAllocatesNothing(t *testing.T) {
	if raceEnabled {
		t.Skip("the race detector allocates")
	}
	tr := compile(t, "on_pod_update", `{"name_prefix":"web","labels_selector":"app=web","scope":{"include":[{"name":"web-.*","labels":"app=web"}]}}`)
	web := pod("prod", "web-1", map[string]string{"app": "web"}, nil)
	if n := testing.AllocsPerRun(100, func() { tr.MatchObject(web) }); n != 0 {
		t.Errorf("MatchObject allocates %v times", n)
	}
}

func TestMatchAlert(t *testing.T) {
	firing := &api.Alert{Name: "KubePodCrashLooping", Status: "firing", Labels: map[string]string{"pod": "api-0", "namespace": "prod", "instance": "10.0.0.1:9100"}}
	resolved := &api.Alert{Name: "KubePodCrashLooping", Status: "resolved", Labels: firing.Labels}
	for _, tc := range []struct {
		params          string
		firing, resolve bool
	}{
		{``, true, false}, // firing only by default (Robusta #345)
		{`{"status":"resolved"}`, false, true},
		{`{"status":"all"}`, true, true},
		{`{"alert_name":"KubePodCrashLooping"}`, true, false},
		{`{"alert_name":"Other"}`, false, false},
		{`{"pod_name_prefix":"api-","namespace_prefix":"pr","instance_name_prefix":"10.0."}`, true, false},
		{`{"pod_name_prefix":"web-"}`, false, false},
		{`{"scope":{"include":[{"labels":"namespace=prod"}]}}`, true, false},
		{`{"scope":{"exclude":[{"name":"Kube.*"}]}}`, false, false},
	} {
		tr := compile(t, "on_prometheus_alert", tc.params)
		if got := tr.MatchAlert(firing); got != tc.firing {
			t.Errorf("%s on firing: got %v, want %v", tc.params, got, tc.firing)
		}
		if got := tr.MatchAlert(resolved); got != tc.resolve {
			t.Errorf("%s on resolved: got %v, want %v", tc.params, got, tc.resolve)
		}
	}
}

func TestCompileErrorsArePositioned(t *testing.T) {
	for _, tc := range []struct {
		trigger, params string
		want            [][]string // paths of the errors
	}{
		{"on_pod_update", `{"labels_selector":"app==="}`, [][]string{{"labels_selector"}}},
		{"on_pod_update", `{"labels_selector":"a b","scope":{"include":[{"name":"("},{"nme":"x"}]}}`, [][]string{{"labels_selector"}, {"scope", "include", "0", "name"}, {"scope", "include", "1", "nme"}}},
		{"on_schedule", `{}`, [][]string{nil}},
		{"on_schedule", `{"fixed_delay_repeat":{"repeat":1,"seconds_delay":5},"cron_schedule_repeat":{"cron_expression":"* * * * *"}}`, [][]string{nil}},
	} {
		s, _ := Lookup(tc.trigger)
		_, err := Compile(s, []byte(tc.params))
		var got [][]string
		for _, e := range unjoin(err) {
			var pe *PathError
			if !errors.As(e, &pe) {
				t.Fatalf("%s: error %v is not a *PathError", tc.params, e)
			}
			got = append(got, pe.Path)
		}
		if diff := cmp.Diff(tc.want, got); diff != "" {
			t.Errorf("%s %s error paths (-want +got):\n%s", tc.trigger, tc.params, diff)
		}
	}
}
