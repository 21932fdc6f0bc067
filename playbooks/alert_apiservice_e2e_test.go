package playbooks_test

import (
	"context"
	"strings"
	"testing"
	"time"

	appsv1 "k8s.io/api/apps/v1"
	autoscalingv2 "k8s.io/api/autoscaling/v2"
	corev1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/client-go/kubernetes"

	"github.com/robusta-go/robusta/playbooks"
	"github.com/robusta-go/robusta/runtime/api"
	"github.com/robusta-go/robusta/runtime/api/apitest"
	"github.com/robusta-go/robusta/runtime/kube"
	"github.com/robusta-go/robusta/runtime/kube/kubetest"
)

// The APIService readers on a real API server, whose aggregator marks an
// APIService without its service unavailable (ServiceNotFound):
// api_service_status_enricher for KubeAggregatedAPIDown, and
// hpa_mismatch_enricher's metrics-server check.
func TestAPIServicesOnAPIServer(t *testing.T) {
	env := kubetest.Start(t)
	cluster, err := kube.NewCluster(env.Config)
	if err != nil {
		t.Fatal(err)
	}
	ctx := t.Context()
	createAPIService(t, env.Client, `{"apiVersion":"apiregistration.k8s.io/v1","kind":"APIService","metadata":{"name":"v1beta1.metrics.k8s.io"},
		"spec":{"group":"metrics.k8s.io","version":"v1beta1","service":{"namespace":"kube-system","name":"metrics-server"},
		"insecureSkipTLSVerify":true,"groupPriorityMinimum":100,"versionPriority":100}}`)
	kubetest.Eventually(t, 30*time.Second, "the aggregator to find the service missing", func() bool {
		body, err := env.Client.Discovery().RESTClient().Get().AbsPath("/apis/apiregistration.k8s.io/v1/apiservices/v1beta1.metrics.k8s.io").DoRaw(ctx)
		return err == nil && strings.Contains(string(body), `"ServiceNotFound"`)
	})

	alert := func(labels map[string]string) *api.PrometheusAlertEvent {
		ev := &api.PrometheusAlertEvent{Alert: api.Alert{Name: labels["alertname"], Status: "firing", Labels: labels}}
		ev.Execution().SetCluster(cluster)
		return ev
	}
	t.Run("ServiceNotFound", func(t *testing.T) {
		res := apitest.Run(t, playbooks.Actions, "api_service_status_enricher", ``, alert(map[string]string{"alertname": "KubeAggregatedAPIDown", "name": "v1beta1.metrics.k8s.io"}), nil)
		want := []api.Block{
			api.MarkdownBlock("The APIServer was extended with APIs from `kube-system/metrics-server`. However, this service doesn't exist."),
			api.MarkdownBlock("To fix this alert, restore that service or remove it from the APIServer by running: ```kubectl delete apiservice v1beta1.metrics.k8s.io```"),
		}
		if got := res.Blocks(); res.Err != nil || len(got) != 2 || got[0] != want[0] || got[1] != want[1] {
			t.Errorf("api_service_status_enricher:\n%s", res)
		}
	})
	t.Run("YAML", func(t *testing.T) {
		// A built-in group's APIService is local and available: any other
		// state than a missing service gets the YAML.
		res := apitest.Run(t, playbooks.Actions, "api_service_status_enricher", ``, alert(map[string]string{"alertname": "KubeAggregatedAPIDown", "name": "v1.apps"}), nil)
		file := string(res.Files()["v1.apps.yaml"])
		if res.Err != nil || !strings.Contains(res.String(), "The APIService v1.apps has an error. Below is the relevant YAML definition.") ||
			!strings.Contains(file, "group: apps") || strings.Contains(file, "managedFields") {
			t.Errorf("api_service_status_enricher:\n%s\n%s", res, file)
		}
	})
	t.Run("MetricsServerCheck", func(t *testing.T) {
		hpaAlert := func() *api.PrometheusAlertEvent {
			ev := alert(map[string]string{"alertname": "KubeHpaReplicasMismatch", "namespace": "default", "horizontalpodautoscaler": "web"})
			ev.HorizontalPodAutoscaler = apitest.Object(t, hpaYAML).(*autoscalingv2.HorizontalPodAutoscaler)
			return ev
		}
		res := apitest.Run(t, playbooks.Actions, "hpa_mismatch_enricher", ``, hpaAlert(), nil)
		if res.Err != nil || !strings.Contains(res.String(), "You can fix this by deploying metrics-server:") {
			t.Errorf("the APIService without metrics-server's deployment:\n%s", res)
		}
		createMetricsServerDeployment(ctx, t, env.Client)
		res = apitest.Run(t, playbooks.Actions, "hpa_mismatch_enricher", ``, hpaAlert(), nil)
		if res.Err != nil || strings.Contains(res.String(), "metrics API was not found") {
			t.Errorf("with both:\n%s", res)
		}
	})
}

func createAPIService(t *testing.T, c kubernetes.Interface, body string) {
	t.Helper()
	if _, err := c.Discovery().RESTClient().Post().AbsPath("/apis/apiregistration.k8s.io/v1/apiservices").
		SetHeader("Content-Type", "application/json").Body([]byte(body)).DoRaw(t.Context()); err != nil {
		t.Fatalf("creating the APIService: %v", err)
	}
}

func createMetricsServerDeployment(ctx context.Context, t *testing.T, c kubernetes.Interface) {
	t.Helper()
	labels := map[string]string{"k8s-app": "metrics-server"}
	dep := &appsv1.Deployment{
		ObjectMeta: metav1.ObjectMeta{Name: "metrics-server", Namespace: "kube-system", Labels: labels},
		Spec: appsv1.DeploymentSpec{
			Selector: &metav1.LabelSelector{MatchLabels: labels},
			Template: corev1.PodTemplateSpec{
				ObjectMeta: metav1.ObjectMeta{Labels: labels},
				Spec:       corev1.PodSpec{Containers: []corev1.Container{{Name: "metrics-server", Image: "metrics-server:1"}}},
			},
		},
	}
	if _, err := c.AppsV1().Deployments("kube-system").Create(ctx, dep, metav1.CreateOptions{}); err != nil {
		t.Fatalf("creating metrics-server's deployment: %v", err)
	}
}
