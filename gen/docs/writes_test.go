package docs_test

import (
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/robusta-go/robusta/gen/docs"
	"github.com/robusta-go/robusta/gen/model"
)

func TestWrites(t *testing.T) {
	rbac := []model.RBACRule{
		{Action: "drain", Groups: []string{""}, Resources: []string{"nodes"}, Verbs: []string{"patch"}, Inferred: true},
		{Action: "drain", Groups: []string{""}, Resources: []string{"pods"}, Verbs: []string{"list"}, Inferred: true},
		{Action: "drain", Groups: []string{""}, Resources: []string{"pods/eviction"}, Verbs: []string{"create"}},
		{Action: "restart", Groups: []string{"apps"}, Resources: []string{"deployments"}, Verbs: []string{"get", "patch", "update"}},
		{Action: "reader", Groups: []string{""}, Resources: []string{"pods"}, Verbs: []string{"get", "list", "watch"}},
		{Action: "wild", Groups: []string{""}, Resources: []string{"configmaps"}, Verbs: []string{"*"}},
	}
	for _, c := range []struct{ action, rules, note string }{
		{"drain", "`nodes` patch; `pods/eviction` create",
			"**Write action:** it changes the cluster (`nodes` patch; `pods/eviction` create); configuring it adds these verbs to the chart's ClusterRole."},
		// Only the write verbs of a mixed rule are named.
		{"restart", "`apps` `deployments` patch, update",
			"**Write action:** it changes the cluster (`apps` `deployments` patch, update); configuring it adds these verbs to the chart's ClusterRole."},
		{"wild", "`configmaps` *",
			"**Write action:** it changes the cluster (`configmaps` *); configuring it adds these verbs to the chart's ClusterRole."},
		{"reader", "", ""},
		{"absent", "", ""},
	} {
		if got := docs.WriteRules(rbac, c.action); got != c.rules {
			t.Errorf("WriteRules(%s) = %q, want %q", c.action, got, c.rules)
		}
		if got := docs.WriteNote(rbac, c.action); got != c.note {
			t.Errorf("WriteNote(%s) = %q, want %q", c.action, got, c.note)
		}
	}
	// The rules given are left as they were.
	if !cmp.Equal(rbac[3].Verbs, []string{"get", "patch", "update"}) {
		t.Errorf("Writes changed its input: %v", rbac[3].Verbs)
	}
}
