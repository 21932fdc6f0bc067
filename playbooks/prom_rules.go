package playbooks

import (
	"context"
	"fmt"
	"sort"
	"strings"

	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"

	"github.com/robusta-go/robusta/runtime/api"
)

// kubeletServices selects the kubelet Services the Prometheus operator
// manages; Robusta's selector, so the same Services count.
const kubeletServices = "k8s-app=kubelet,app.kubernetes.io/managed-by=prometheus-operator"

// PrometheusRulesEnricher explains a PrometheusRuleFailures alert: when
// the failing rule group is a kubelet one (its rule_group label holds
// "kubelet") and the cluster has more than one kubelet Service managed by
// the Prometheus operator, it says that the duplicate Services, named
// namespace/name, may cause the failure. Otherwise it adds nothing, as
// Robusta. It reads Services, not Prometheus.
//
//robusta:action
func PrometheusRulesEnricher(ctx context.Context, event *api.PrometheusAlertEvent) error {
	group := event.Alert.Labels["rule_group"]
	if !strings.Contains(group, "kubelet") {
		return nil
	}
	c := event.Execution().Cluster()
	if c == nil {
		return api.ErrNoCluster
	}
	l, err := c.Kubernetes().CoreV1().Services("").List(ctx, metav1.ListOptions{LabelSelector: kubeletServices})
	if err != nil {
		return fmt.Errorf("listing kubelet services: %w", err)
	}
	if len(l.Items) <= 1 {
		return nil
	}
	names := make([]string, len(l.Items))
	for i, s := range l.Items {
		names[i] = s.Namespace + "/" + s.Name
	}
	// Sorted so that repeated alerts read the same; Robusta keeps the
	// API's order, which is the same sort for a real API server.
	sort.Strings(names)
	event.AddEnrichment(api.MarkdownBlock("The rule failure might be caused by multiple kubelet services running in your cluster: " + strings.Join(names, ", ") + "."))
	return nil
}
