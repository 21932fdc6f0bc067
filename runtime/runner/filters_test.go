package runner_test

import (
	"strconv"
	"testing"

	"github.com/google/go-cmp/cmp"
	corev1 "k8s.io/api/core/v1"

	"github.com/robusta-go/robusta/runtime/kube/kubetest"
)

// Each playbook has one filter; Marker fires only on the marker pod. With
// one worker, the runner handles pod changes in the order the API server
// made them, so once the marker's finding is in the file, every finding of
// the change before it is too: what is missing was filtered out.
const filterPlaybooks = `customPlaybooks:
- name: ByName
  triggers: [{on_pod_update: {name_prefix: web-}}]
  actions: [{create_finding: {title: "name $namespace/$name", aggregation_key: ByName}}]
- name: ByNamespace
  triggers: [{on_pod_update: {namespace_prefix: prod}}]
  actions: [{create_finding: {title: "namespace $namespace/$name", aggregation_key: ByNamespace}}]
- name: ByLabels
  triggers: [{on_pod_update: {labels_selector: "app=web,tier!=cache"}}]
  actions: [{create_finding: {title: "labels $namespace/$name", aggregation_key: ByLabels}}]
- name: ByScope
  triggers:
  - on_pod_update:
      scope:
        include: [{name: "api-.*"}, {labels: "team=a"}]
        exclude: [{labels: "canary=true"}]
  actions: [{create_finding: {title: "scope $namespace/$name", aggregation_key: ByScope}}]
- name: Marker
  triggers: [{on_pod_update: {name_prefix: marker}}]
  actions: [{create_finding: {title: "marker $namespace/$name", aggregation_key: Marker}}]
`

func TestFilters(t *testing.T) {
	env := kubetest.Start(t)
	c := env.Client
	namespace(t, c, "prod-eu")
	namespace(t, c, "staging")
	cases := []struct {
		ns, name string
		labels   map[string]string
		want     []string // playbooks that fire, in config order
	}{
		{"prod-eu", "web-1", map[string]string{"app": "web", "tier": "front"}, []string{"ByName", "ByNamespace", "ByLabels"}},
		{"staging", "web-2", map[string]string{"app": "web", "tier": "cache"}, []string{"ByName"}},
		{"staging", "db-1", map[string]string{"app": "db"}, nil},
		{"prod-eu", "db-2", map[string]string{"app": "db"}, []string{"ByNamespace"}},
		{"staging", "db-3", map[string]string{"app": "web"}, []string{"ByLabels"}},
		{"staging", "api-1", map[string]string{"app": "api"}, []string{"ByScope"}},
		{"staging", "api-2", map[string]string{"app": "api", "canary": "true"}, nil}, // excluded
		{"staging", "worker-1", map[string]string{"team": "a"}, []string{"ByScope"}},
		{"staging", "apis", map[string]string{"team": "b"}, nil}, // scope names match in full
	}
	// Every pod exists before the runner starts: only updates fire here.
	for _, tc := range cases {
		createPod(t, c, tc.ns, tc.name, tc.labels)
	}
	createPod(t, c, "staging", "marker", nil)
	p := startReady(t, spec{Kubeconfig: env.Kubeconfig(t), Playbooks: filterPlaybooks, Args: []string{"--workers", "1"}})

	seen := 0 // findings read so far
	for i, tc := range cases {
		pod := updatePod(t, c, tc.ns, tc.name, touch(i))
		marker := updatePod(t, c, "staging", "marker", touch(i))
		var want []finding
		for _, pb := range tc.want {
			want = append(want, filtered(pb, pod))
		}
		want = append(want, filtered("Marker", marker))

		all := p.Findings.Wait(t, "the marker's finding", func(all []finding) bool { return count(all, "Marker") == i+1 })
		if d := cmp.Diff(want, all[seen:], diffOpts); d != "" {
			t.Errorf("%s/%s %v: findings up to the marker (-want +got):\n%s", tc.ns, tc.name, tc.labels, d)
		}
		seen = len(all)
	}
}

// touch is a change that no filter looks at.
func touch(i int) func(*corev1.Pod) {
	return func(p *corev1.Pod) {
		if p.Annotations == nil {
			p.Annotations = map[string]string{}
		}
		p.Annotations["touched"] = strconv.Itoa(i)
	}
}

// filtered is the finding of one of filterPlaybooks on pod.
func filtered(playbook string, pod *corev1.Pod) finding {
	prefix := map[string]string{"ByName": "name", "ByNamespace": "namespace", "ByLabels": "labels", "ByScope": "scope", "Marker": "marker"}[playbook]
	title := prefix + " " + pod.Namespace + "/" + pod.Name
	return created(playbook, []string{"create_finding"}, title, playbook, "HIGH", subjectOf("Pod", pod))
}

// Objects that exist when the runner starts are listed, not created: no
// on_*_create fires for them. One worker again, so the marker created
// after the start orders after the initial list.
func TestNoCreateForExistingObjects(t *testing.T) {
	env := kubetest.Start(t)
	c := env.Client
	namespace(t, c, "shop")
	createPod(t, c, "shop", "old-1", nil)
	createPod(t, c, "shop", "old-2", nil)
	createDeployment(t, c, "shop", "old-api", nil)
	p := startReady(t, spec{Kubeconfig: env.Kubeconfig(t), Args: []string{"--workers", "1"}, Playbooks: `customPlaybooks:
- name: Created
  triggers: [{on_pod_create: {}}, {on_deployment_create: {}}]
  actions: [{create_finding: {title: "$kind $name created", aggregation_key: Created}}]
`})

	pod := createPod(t, c, "shop", "new-1", nil)
	want := []finding{created("Created", []string{"create_finding"}, "pod new-1 created", "Created", "HIGH", subjectOf("Pod", pod))}
	got := p.Findings.WaitFor(t, "pod new-1's finding", func(f finding) bool { return f.Subject.Name == "new-1" })
	if d := cmp.Diff(want, got, diffOpts); d != "" {
		t.Errorf("after creating pod new-1 (-want +got):\n%s", d)
	}
	// Deployments have their own informer, so they get their own marker.
	dep := createDeployment(t, c, "shop", "new-api", nil)
	want = append(want, created("Created", []string{"create_finding"}, "deployment new-api created", "Created", "HIGH", subjectOf("Deployment", dep)))
	got = p.Findings.WaitFor(t, "deployment new-api's finding", func(f finding) bool { return f.Subject.Name == "new-api" })
	if d := cmp.Diff(want, got, diffOpts); d != "" {
		t.Errorf("after creating deployment new-api (-want +got):\n%s", d)
	}
}
