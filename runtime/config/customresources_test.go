package config

import (
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/robusta-go/robusta/runtime/kinds"
)

// TestLoadCustomResources: entries in order, and
// on_kubernetes_resource_operation's resources naming them by key,
// resource or lower-case kind, resolved to the key.
func TestLoadCustomResources(t *testing.T) {
	values := `customResources:
- {group: example.com, version: v1, resource: widgets, kind: Widget}
- {group: cert-manager.io, version: v1, resource: certificates}
customPlaybooks:
- triggers:
  - on_kubernetes_resource_operation: {resources: [widget, certificates.cert-manager.io, certificates, deployment]}
  actions:
  - echo: {message: hi}
`
	cfg, err := Load("values.yaml", []byte(values), testActions(t), WithEnv(testEnv))
	if err != nil {
		t.Fatal(err)
	}
	want := []kinds.Custom{
		{Group: "example.com", Version: "v1", Resource: "widgets", Kind: "Widget"},
		{Group: "cert-manager.io", Version: "v1", Resource: "certificates"},
	}
	if diff := cmp.Diff(want, cfg.CustomResources); diff != "" {
		t.Errorf("custom resources (-want +got):\n%s", diff)
	}
	got := cfg.Playbooks[0].Triggers[0].Kinds()
	if wantKinds := []string{"widgets.example.com", "certificates.cert-manager.io", "Deployment"}; !slices.Equal(got, wantKinds) {
		t.Errorf("trigger kinds = %q, want %q", got, wantKinds)
	}
}

// TestLoadCustomResourcesMistakes: every mistake at its position.
func TestLoadCustomResourcesMistakes(t *testing.T) {
	values := `customResources:
- {group: example.com, version: v1, resource: widgets}
- {group: example.com, version: v1, resource: widgets}
- {group: example.com, version: v1}
- {group: Example_Com, version: v1, resource: gadgets, kinds: Gadget}
- {group: apps, version: v1, resource: deployments}
- {group: "", version: v1, resource: things}
- {group: a.io, version: v1, resource: things, kind: thing}
- {group: a.io, version: 1, resource: things}
- just a string
customPlaybooks:
- triggers:
  - on_kubernetes_resource_operation: {resources: [widgets, gadgets.example.com]}
  actions:
  - echo: {message: hi}
`
	_, err := Load("values.yaml", []byte(values), testActions(t), WithEnv(testEnv))
	if err == nil {
		t.Fatal("Load succeeded, want errors")
	}
	got := strings.Split(err.Error(), "\n")
	want := []string{
		`values.yaml:3:3: customResources lists widgets.example.com twice (first at line 2)`,
		`values.yaml:4:3: a customResources entry needs resource: give group, version and resource, as in ` + "`kubectl api-resources`" + ` (e.g. {group: example.com, version: v1, resource: widgets})`,
		`values.yaml:5:11: customResources group "Example_Com": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')`,
		`values.yaml:5:56: unknown customResources key "kinds" (did you mean "kind"?)`,
		`values.yaml:6:3: customResources: deployments.apps is the built-in kind Deployment: its own triggers (on_deployment_*) and the any-resource triggers watch it already`,
		`values.yaml:7:11: customResources group "": must not be empty: the core group's kinds are built in`,
		`values.yaml:8:54: customResources kind "thing": must start with an upper-case letter, as the kind does in the CRD (Widget)`,
		`values.yaml:9:26: customResources version must be a string, got the number 1`,
		`values.yaml:10:3: a customResources entry must be a mapping, got "just a string"`,
		`values.yaml:13:61: filter "resources[1]" for on_kubernetes_resource_operation: unknown resource "gadgets.example.com" (want one of pod, replicaset, daemonset, deployment, statefulset, service, event, horizontalpodautoscaler, node, clusterrole, clusterrolebinding, job, namespace, serviceaccount, persistentvolume, persistentvolumeclaim, networkpolicy, configmap, ingress, secret, widgets.example.com; a custom resource must be listed in customResources first)`,
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("errors (-want +got):\n%s", diff)
	}
}
