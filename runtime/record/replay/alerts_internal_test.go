package replay

import (
	"encoding/json"
	"testing"

	autoscalingv2 "k8s.io/api/autoscaling/v2"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"

	"github.com/robusta-go/robusta/runtime/api"
	"github.com/robusta-go/robusta/runtime/record"
)

// A recorded alert replays with the HPA it resolved live and with the
// replayed values' custom_severity_map, as the live handler gives both.
func TestAlertEventKeepsHPAAndSeverityMap(t *testing.T) {
	hpa := &autoscalingv2.HorizontalPodAutoscaler{ObjectMeta: metav1.ObjectMeta{Name: "web", Namespace: "prod"}}
	live := &api.PrometheusAlertEvent{HorizontalPodAutoscaler: hpa}
	var objects []json.RawMessage
	for _, o := range record.AlertObjects(live) {
		raw, err := record.NewRedactor().EncodeObject(o)
		if err != nil {
			t.Fatal(err)
		}
		objects = append(objects, raw)
	}
	if len(objects) != 1 {
		t.Fatalf("AlertObjects recorded %d objects, want the HPA", len(objects))
	}
	a := &record.Alert{Alert: api.Alert{Name: "KubeHpaReplicasMismatch", Labels: map[string]string{"severity": "warning"}}, Objects: objects}
	ev, err := alertEvent(a, map[string]api.Severity{"warning": api.SeverityHigh})
	if err != nil {
		t.Fatal(err)
	}
	if ev.HorizontalPodAutoscaler == nil || ev.HorizontalPodAutoscaler.Name != "web" {
		t.Errorf("replayed HPA %v, want web", ev.HorizontalPodAutoscaler)
	}
	if got := ev.DefaultFinding().Severity; got != api.SeverityHigh {
		t.Errorf("severity %v, want HIGH from the severity map", got)
	}
}
