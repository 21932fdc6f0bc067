package manual_test

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	corev1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"

	"github.com/robusta-go/robusta/runtime/api"
)

var web = &corev1.Pod{
	ObjectMeta: metav1.ObjectMeta{Name: "web", Namespace: "default", Labels: map[string]string{"app": "web"}},
	Spec:       corev1.PodSpec{NodeName: "node-1"},
}

func TestRunOnPod(t *testing.T) {
	s := newServer(t, token, web)
	a := s.post(t, token, `{"action_name":"echo","action_params":{"message":"hi"},"kind":"Pod","name":"web","namespace":"default"}`)
	if a.Status != 200 {
		t.Fatalf("status %d: %s %v", a.Status, a.Error, a.Errors)
	}
	want := []finding{{
		Title: "Manual run of echo on Pod default/web", Severity: "INFO", Source: "manual", AggregationKey: "ManualActionEcho",
		Subject: api.Subject{Kind: "Pod", Name: "web", Namespace: "default", Node: "node-1", Labels: map[string]string{"app": "web"}},
		Actions: []string{"echo"},
	}}
	if diff := cmp.Diff(want, a.Findings, cmp.FilterPath(func(p cmp.Path) bool { return p.Last().String() == ".Enrichments" }, cmp.Ignore())); diff != "" {
		t.Errorf("findings (-want +got):\n%s", diff)
	}
	if len(a.Findings) == 1 {
		if diff := cmp.Diff([]string{"hi"}, a.Findings[0].texts()); diff != "" {
			t.Errorf("texts (-want +got):\n%s", diff)
		}
	}
	if diff := cmp.Diff([]string{"Manual run of echo on Pod default/web"}, s.sent(t, s.main)); diff != "" {
		t.Errorf("main sink (-want +got):\n%s", diff)
	}
}

func TestCreateFindingDefaultsAndKindNames(t *testing.T) {
	for _, kind := range []string{"pod", "Pod", "POD", "pods"} {
		s := newServer(t, token, web)
		a := s.post(t, token, `{"action_name":"create_finding","action_params":{"title":"$name on $node"},"kind":"`+kind+`","name":"web","namespace":"default"}`)
		if a.Status != 200 || len(a.Findings) != 1 {
			t.Fatalf("kind %s: status %d, %d findings: %s %v", kind, a.Status, len(a.Findings), a.Error, a.Errors)
		}
		// The schema's default severity (HIGH) was filled in.
		if got := a.Findings[0]; got.Title != "web on node-1" || got.Severity != "HIGH" {
			t.Errorf("kind %s: got %q %s, want \"web on node-1\" HIGH", kind, got.Title, got.Severity)
		}
	}
}

func TestBareEvent(t *testing.T) {
	s := newServer(t, token)
	a := s.post(t, token, `{"action_name":"echo","action_params":{"message":"{{ env.HOME }}"}}`)
	if a.Status != 200 || len(a.Findings) != 1 {
		t.Fatalf("status %d, %d findings: %s %v", a.Status, len(a.Findings), a.Error, a.Errors)
	}
	f := a.Findings[0]
	if f.Title != "Manual run of echo" || !cmp.Equal(f.Subject, api.Subject{}) {
		t.Errorf("finding %q about %+v, want \"Manual run of echo\" about nothing", f.Title, f.Subject)
	}
	// Request params never read the runner's environment.
	if diff := cmp.Diff([]string{"{{ env.HOME }}"}, f.texts()); diff != "" {
		t.Errorf("texts (-want +got):\n%s", diff)
	}
}

func TestSinks(t *testing.T) {
	s := newServer(t, token, web)
	for _, body := range []string{
		`{"action_name":"echo","action_params":{"message":"a"},"sinks":["extra"]}`,
		`{"action_name":"create_finding","action_params":{"title":"hidden"},"no_sinks":true}`,
		`{"action_name":"create_finding","action_params":{"title":"default"}}`,
	} {
		if a := s.post(t, token, body); a.Status != 200 || len(a.Findings) != 1 {
			t.Fatalf("%s: status %d: %s", body, a.Status, a.Error)
		}
	}
	if diff := cmp.Diff([]string{"Manual run of echo"}, s.sent(t, s.extra)); diff != "" {
		t.Errorf("extra sink (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([]string{"default"}, s.sent(t, s.main)); diff != "" {
		t.Errorf("main sink (-want +got):\n%s", diff)
	}
}

func TestNothingAddedNoFinding(t *testing.T) {
	s := newServer(t, token)
	// create_finding adds its own finding: the manual default is dropped.
	a := s.post(t, token, `{"action_name":"create_finding","action_params":{"title":"only"}}`)
	var titles []string
	for _, f := range a.Findings {
		titles = append(titles, f.Title)
	}
	if diff := cmp.Diff([]string{"only"}, titles); diff != "" {
		t.Errorf("titles (-want +got):\n%s", diff)
	}
}

func TestActionFails(t *testing.T) {
	s := newServer(t, token)
	a := s.post(t, token, `{"action_name":"fails"}`)
	if a.Status != 500 || !strings.Contains(a.Error, "boom") || len(a.Findings) != 1 {
		t.Errorf("got %d %q with %d findings, want 500 \"...boom\" with the finding made", a.Status, a.Error, len(a.Findings))
	}
}

func TestToken(t *testing.T) {
	s := newServer(t, "s3cret", web)
	body := `{"action_name":"pod_name","kind":"pod","name":"web","namespace":"default"}`
	for token, want := range map[string]int{"": 401, "wrong": 401, "s3cret": 200} {
		if a := s.post(t, token, body); a.Status != want {
			t.Errorf("token %q: status %d (%s), want %d", token, a.Status, a.Error, want)
		}
	}
}

func TestRefused(t *testing.T) {
	s := newServer(t, token, web)
	for _, tc := range []struct {
		name, body string
		status     int
		error      string
		errors     []string
	}{
		{"bad JSON", `{"action_name":`, 400, "reading request: unexpected EOF", nil},
		{"unknown field", `{"action_name":"echo","actionparams":{}}`, 400, `reading request: json: unknown field "actionparams"`, nil},
		{"no action", `{}`, 400, "action_name is required", nil},
		{"params not an object", `{"action_name":"echo","action_params":[1]}`, 400, "action_params must be an object, got [1]", nil},
		{"unknown action", `{"action_name":"ecoh"}`, 400, `unknown action "ecoh" (did you mean "echo"?)`, nil},
		{"unknown kind", `{"action_name":"echo","action_params":{"message":"x"},"kind":"pdo","name":"web","namespace":"default"}`, 400, `unknown kind "pdo" (did you mean "pod"?)`, nil},
		{"no namespace", `{"action_name":"echo","action_params":{"message":"x"},"kind":"pod","name":"web"}`, 400, "kind Pod is namespaced: namespace is required", nil},
		{"name without kind", `{"action_name":"echo","name":"web"}`, 400, "name and namespace need a kind", nil},
		{"unknown sink", `{"action_name":"echo","action_params":{"message":"x"},"sinks":["mian"]}`, 400, `unknown sink "mian" (did you mean "main"?)`, nil},
		{"bad params", `{"action_name":"echo","action_params":{"mesage":1}}`, 400, "invalid params of action echo", []string{
			`missing required param "message" of action echo`,
			`unknown param "mesage" of action echo (did you mean "message"?)`,
		}},
		{"bad param type", `{"action_name":"create_finding","action_params":{"title":1,"severity":"HUGE"}}`, 400, "invalid params of action create_finding", []string{
			`param "title" of action create_finding: got number, want string`,
			`param "severity" of action create_finding: "HUGE" is not one of "DEBUG", "INFO", "LOW", "HIGH" (did you mean "HIGH"?)`,
		}},
		{"change-only action", `{"action_name":"resource_babysitter","kind":"pod","name":"web","namespace":"default"}`, 400,
			"action resource_babysitter takes api.KubernetesAnyChangeEvent, which cannot be built from a resource; a manual trigger runs actions taking api.ExecutionEvent, api.KubernetesResourceEvent or api.<Kind>Event", nil},
		{"alert-only action", `{"action_name":"alert_only"}`, 400,
			"action alert_only takes api.PrometheusAlertEvent, which cannot be built from a resource; a manual trigger runs actions taking api.ExecutionEvent, api.KubernetesResourceEvent or api.<Kind>Event", nil},
		{"pod action without a pod", `{"action_name":"pod_name"}`, 400, "action pod_name takes api.PodEvent: give the kind, name and namespace of the object to run it on", nil},
		{"pod action on a deployment", `{"action_name":"pod_name","kind":"deployment","name":"web","namespace":"default"}`, 400, "action pod_name takes api.PodEvent and cannot run on a Deployment", nil},
		{"missing pod", `{"action_name":"pod_name","kind":"pod","name":"gone","namespace":"default"}`, 404, "Pod default/gone not found", nil},
		{"missing node", `{"action_name":"echo","action_params":{"message":"x"},"kind":"node","name":"gone"}`, 404, "Node gone not found", nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			a := s.post(t, token, tc.body)
			if a.Status != tc.status || a.Error != tc.error {
				t.Errorf("got %d %q, want %d %q", a.Status, a.Error, tc.status, tc.error)
			}
			if diff := cmp.Diff(tc.errors, a.Errors); diff != "" {
				t.Errorf("errors (-want +got):\n%s", diff)
			}
		})
	}
}
