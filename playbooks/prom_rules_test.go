package playbooks_test

import (
	"testing"

	"github.com/google/go-cmp/cmp"
	"k8s.io/apimachinery/pkg/runtime"

	"github.com/robusta-go/robusta/playbooks"
	"github.com/robusta-go/robusta/runtime/api"
	"github.com/robusta-go/robusta/runtime/api/apitest"
)

// kubeletService is a kubelet Service as the Prometheus operator makes it.
func kubeletService(t *testing.T, namespace string) api.Object {
	return apitest.Object(t, `{apiVersion: v1, kind: Service, metadata: {name: kubelet, namespace: `+namespace+`,
  labels: {k8s-app: kubelet, app.kubernetes.io/managed-by: prometheus-operator}}}`)
}

func ruleFailure(t *testing.T, c *apitest.Cluster, group string) *api.PrometheusAlertEvent {
	return apitest.Alert(t, c, api.Alert{Name: "PrometheusRuleFailures", Labels: map[string]string{"rule_group": group}})
}

// Two operator-managed kubelet Services (two Prometheus stacks) are named
// as the likely cause of a failing kubelet rule group; a Service the
// operator does not manage is not counted.
func TestPrometheusRulesEnricherDuplicateKubelets(t *testing.T) {
	other := apitest.Object(t, `{apiVersion: v1, kind: Service, metadata: {name: kubelet, namespace: default, labels: {k8s-app: kubelet}}}`)
	c := apitest.NewCluster(kubeletService(t, "monitoring"), kubeletService(t, "kube-system"), other)
	ev := ruleFailure(t, c, "/etc/prometheus/rules/prometheus-k8s-rulefiles-0/monitoring-kubernetes-monitoring-rules.yaml;kubelet.rules")
	res := apitest.Run(t, playbooks.Actions, "prometheus_rules_enricher", "", ev, c)
	want := []api.Block{api.MarkdownBlock("The rule failure might be caused by multiple kubelet services running in your cluster: kube-system/kubelet, monitoring/kubelet.")}
	if res.Err != nil || !cmp.Equal(res.Blocks(), want) {
		t.Errorf("prometheus_rules_enricher:\n%s", res)
	}
}

// One kubelet Service, or a rule group that is not the kubelet's, says
// nothing: Robusta adds no enrichment then.
func TestPrometheusRulesEnricherNothingToSay(t *testing.T) {
	for name, tc := range map[string]struct {
		group    string
		services []api.Object
	}{
		"one kubelet service": {"kubelet.rules", []api.Object{kubeletService(t, "monitoring")}},
		"not a kubelet group": {"node-exporter.rules", []api.Object{kubeletService(t, "monitoring"), kubeletService(t, "kube-system")}},
		"no rule_group label": {"", []api.Object{kubeletService(t, "monitoring"), kubeletService(t, "kube-system")}},
	} {
		t.Run(name, func(t *testing.T) {
			var objs []runtime.Object
			for _, s := range tc.services {
				objs = append(objs, s)
			}
			c := apitest.NewCluster(objs...)
			res := apitest.Run(t, playbooks.Actions, "prometheus_rules_enricher", "", ruleFailure(t, c, tc.group), c)
			if res.Err != nil || len(res.Findings) != 0 {
				t.Errorf("prometheus_rules_enricher:\n%s", res)
			}
		})
	}
}
