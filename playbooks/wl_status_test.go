package playbooks_test

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"gopkg.in/yaml.v3"

	"github.com/robusta-go/robusta/playbooks"
	"github.com/robusta-go/robusta/runtime/api"
	"github.com/robusta-go/robusta/runtime/api/apitest"
)

const notReadyNode = `
apiVersion: v1
kind: Node
metadata: {name: node-1}
status:
  conditions:
  - {type: Ready, status: "False", message: "kubelet stopped posting node status"}
  - {type: MemoryPressure, status: "Unknown", message: "kubelet stopped posting"}
`

// status_enricher on KubeNodeNotReady (Robusta's default, show_details):
// the node's conditions with their messages.
func TestStatusEnricher(t *testing.T) {
	node := apitest.Object(t, notReadyNode)
	ev := apitest.Alert(t, apitest.NewCluster(node), api.Alert{Labels: map[string]string{"alertname": "KubeNodeNotReady", "node": "node-1"}})
	res := apitest.Run(t, playbooks.Actions, "status_enricher", `{show_details: true}`, ev, nil)
	want := api.Table{Name: "*Node status details:*", Headers: []string{"Type", "Status", "Message"}, Rows: [][]string{
		{"Ready", "False", "kubelet stopped posting node status"}, {"MemoryPressure", "Unknown", "kubelet stopped posting"}}}
	if diff := cmp.Diff([]api.Block{want}, res.Blocks()); diff != "" {
		t.Errorf("blocks (-want +got):\n%s", diff)
	}
	res = apitest.Run(t, playbooks.Actions, "status_enricher", ``, apitest.Change(t, "on_node_update", api.OperationUpdate, node, nil), nil)
	if got := res.Blocks()[0].(api.Table); !cmp.Equal(got.Headers, []string{"Type", "Status"}) || len(got.Rows[0]) != 2 {
		t.Errorf("without show_details:\n%s", res)
	}
	// No conditions: nothing.
	_, pod := podUpdate(t)
	if res := apitest.Run(t, playbooks.Actions, "status_enricher", ``, pod, nil); len(res.Findings) != 0 {
		t.Errorf("an object without conditions:\n%s", res)
	}
}

// get_resource_yaml attaches the object as kubectl would show it, without
// bookkeeping, and a Secret without its values.
func TestGetResourceYaml(t *testing.T) {
	_, ev := podUpdate(t)
	res := apitest.Run(t, playbooks.Actions, "get_resource_yaml", ``, ev, nil)
	blocks := res.Blocks()
	if len(blocks) != 2 || blocks[0] != api.MarkdownBlock("Your YAML file for Pod prod/api-0") {
		t.Fatalf("get_resource_yaml:\n%s", res)
	}
	var got map[string]any
	if err := yaml.Unmarshal(res.Files()["api-0.yaml"], &got); err != nil {
		t.Fatal(err)
	}
	if got["kind"] != "Pod" || got["apiVersion"] != "v1" || got["metadata"].(map[string]any)["name"] != "api-0" {
		t.Errorf("YAML:\n%s", res.Files()["api-0.yaml"])
	}

	secret := apitest.Object(t, `
apiVersion: v1
kind: Secret
metadata:
  name: db
  namespace: prod
  annotations: {kubectl.kubernetes.io/last-applied-configuration: '{"data":{"password":"aHVudGVyMg=="}}'}
data: {password: aHVudGVyMg==}`)
	res = apitest.Run(t, playbooks.Actions, "get_resource_yaml", ``, apitest.Change(t, "on_secret_update", api.OperationUpdate, secret, nil), nil)
	out := string(res.Files()["db.yaml"])
	if strings.Contains(out, "aHVudGVyMg") || strings.Contains(out, "last-applied") || !strings.Contains(out, "password") {
		t.Errorf("Secret YAML leaks or lacks the key:\n%s", out)
	}
}
