package replay

import (
	"encoding/json"
	"strings"
	"testing"
	"time"

	apierrors "k8s.io/apimachinery/pkg/api/errors"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/types"

	corev1 "k8s.io/api/core/v1"

	"github.com/robusta-go/robusta/runtime/api"
	"github.com/robusta-go/robusta/runtime/record"
)

// The replay's cluster: recorded answers first, in order, the last
// repeated; objects of the inputs otherwise; writes refused and listed;
// a log the recording lacks is an error naming the call.
func TestCluster(t *testing.T) {
	now := time.Now()
	notFound, _ := json.Marshal(apierrors.NewNotFound(corev1.Resource("configmaps"), "cfg").ErrStatus)
	recs := []record.Record{
		{Type: record.TypeRead, Time: now, Read: &record.Read{Key: "get v1 pods ns=prod name=api-0", Status: 200,
			Body: json.RawMessage(`{"apiVersion":"v1","kind":"Pod","metadata":{"name":"api-0","namespace":"prod","labels":{"seen":"first"}}}`)}},
		{Type: record.TypeRead, Time: now, Read: &record.Read{Key: "get v1 pods ns=prod name=api-0", Status: 200,
			Body: json.RawMessage(`{"apiVersion":"v1","kind":"Pod","metadata":{"name":"api-0","namespace":"prod","labels":{"seen":"second"}}}`)}},
		{Type: record.TypeRead, Time: now, Read: &record.Read{Key: "get v1 configmaps ns=prod name=cfg", Status: 404, Body: notFound}},
		{Type: record.TypeLogs, Time: now, Logs: &record.Logs{Namespace: "prod", Pod: "api-0", Container: "main", Output: "boom\n"}},
	}
	c := newCluster(recs)
	c.seed(&corev1.Pod{ObjectMeta: metav1.ObjectMeta{Name: "web-0", Namespace: "prod"}}, false)
	ctx := t.Context()
	pods := c.Kubernetes().CoreV1().Pods("prod")
	for _, want := range []string{"first", "second", "second"} {
		p, err := pods.Get(ctx, "api-0", metav1.GetOptions{})
		if err != nil || p.Labels["seen"] != want {
			t.Fatalf("get api-0: %v %v, want label %s", p, err, want)
		}
	}
	if _, err := c.Kubernetes().CoreV1().ConfigMaps("prod").Get(ctx, "cfg", metav1.GetOptions{}); !apierrors.IsNotFound(err) {
		t.Errorf("recorded 404: %v", err)
	}
	if p, err := pods.Get(ctx, "web-0", metav1.GetOptions{}); err != nil || p.Name != "web-0" {
		t.Errorf("from the inputs' objects: %v %v", p, err)
	}
	if _, err := pods.Patch(ctx, "web-0", types.MergePatchType, []byte(`{}`), metav1.PatchOptions{}); !apierrors.IsForbidden(err) {
		t.Errorf("patch: %v, want Forbidden", err)
	}
	if err := pods.Delete(ctx, "web-0", metav1.DeleteOptions{}); !apierrors.IsForbidden(err) {
		t.Errorf("delete: %v, want Forbidden", err)
	}
	if got := strings.Join(c.Writes(), "; "); got != "patch pods in prod web-0; delete pods in prod web-0" {
		t.Errorf("writes: %s", got)
	}
	if out, err := c.Logs(ctx, "prod", "api-0", api.LogOptions{Container: "main"}); err != nil || out != "boom\n" {
		t.Errorf("recorded log: %q %v", out, err)
	}
	_, err := c.Logs(ctx, "prod", "api-0", api.LogOptions{Container: "main", Previous: true})
	if err == nil || !strings.Contains(err.Error(), `replay: the recording has no log of pod prod/api-0 container="main" previous=true`) {
		t.Errorf("missing log: %v", err)
	}
	if _, err := c.Exec(ctx, "prod", "api-0", api.ExecOptions{Command: []string{"ps"}}); err == nil || !strings.Contains(err.Error(), "the recording has no answer") {
		t.Errorf("missing exec: %v", err)
	}
}
