package playbooks_test

import (
	"strings"
	"testing"
	"time"

	batchv1 "k8s.io/api/batch/v1"
	corev1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"

	"github.com/robusta-go/robusta/playbooks"
	"github.com/robusta-go/robusta/runtime/api"
	"github.com/robusta-go/robusta/runtime/config"
	"github.com/robusta-go/robusta/runtime/kube"
	"github.com/robusta-go/robusta/runtime/kube/kubetest"
	"github.com/robusta-go/robusta/runtime/registry"
)

// krrResult is KRR's log: progress lines, the marker, then its JSON.
const krrResult = `Running Simple Strategy
Result collected, displaying...
{"scans": [
 {"object": {"cluster": null, "name": "api", "container": "main", "namespace": "prod", "kind": "Deployment", "pods": [{"name": "api-1", "deleted": false}],
   "allocations": {"requests": {"cpu": 0.5, "memory": 536870912}, "limits": {"cpu": null, "memory": 536870912}}},
  "recommended": {"requests": {"cpu": {"value": 0.05, "severity": "WARNING"}, "memory": {"value": 134217728, "severity": "CRITICAL"}},
                  "limits": {"cpu": {"value": null, "severity": "OK"}, "memory": {"value": 134217728, "severity": "CRITICAL"}}, "info": {}},
  "severity": "CRITICAL"},
 {"object": {"name": "db", "container": "pg", "namespace": "data", "kind": "StatefulSet", "pods": [],
   "allocations": {"requests": {"cpu": 1, "memory": null}, "limits": {"cpu": null, "memory": null}}},
  "recommended": {"requests": {"cpu": {"value": "?", "severity": "UNKNOWN"}, "memory": {"value": "?", "severity": "UNKNOWN"}},
                  "limits": {"cpu": {"value": null, "severity": "UNKNOWN"}, "memory": {"value": "?", "severity": "UNKNOWN"}}, "info": {}},
  "severity": "UNKNOWN"}],
 "score": 64, "resources": ["cpu", "memory"], "description": "Simple strategy", "strategy": {"name": "simple", "settings": {}}}
`

// TestKRRScanOnCluster runs krr_scan against a real API server, the test
// playing the Job controller and the kubelet: it creates the scan's pod
// on the fake kubelet's node, serves KRR's log, and writes the Job's end.
func TestKRRScanOnCluster(t *testing.T) {
	env := kubetest.Start(t)
	kubelet := kubetest.StartKubelet(t, env)
	c, ctx := env.Client, t.Context()
	t.Setenv("POD_NAMESPACE", "robusta")
	t.Setenv("POD_NAME", "runner-0")
	must(c.CoreV1().Namespaces().Create(ctx, &corev1.Namespace{ObjectMeta: metav1.ObjectMeta{Name: "robusta"}}, metav1.CreateOptions{})).get(t)
	must(c.CoreV1().ServiceAccounts("robusta").Create(ctx, &corev1.ServiceAccount{ObjectMeta: metav1.ObjectMeta{Name: "robusta-runner"}}, metav1.CreateOptions{})).get(t)
	kubelet.CreatePod(t, &corev1.Pod{ObjectMeta: metav1.ObjectMeta{Name: "runner-0", Namespace: "robusta"},
		Spec: corev1.PodSpec{ServiceAccountName: "robusta-runner", Containers: []corev1.Container{{Name: "runner", Image: "runner:1"}}}})
	cluster, err := kube.NewCluster(env.Config)
	if err != nil {
		t.Fatal(err)
	}
	actions, err := registry.NewSet(playbooks.Actions)
	if err != nil {
		t.Fatal(err)
	}
	a, _ := actions.Lookup("krr_scan")
	// prometheus_url and prometheus_auth come from globalConfig, as Robusta
	// merges it into the params.
	global := config.Global{Values: map[string]any{"prometheus_url": "http://prom.monitoring:9090", "prometheus_auth": "Bearer s3cret"}}
	fn, _, err := config.BindParams(a, []byte(`{"krr_args": "--namespace 'prod' --cpu-min 5", "krr_job_spec": {"nodeSelector": {"pool": "tools"}}}`), global)
	if err != nil {
		t.Fatal(err)
	}

	// scan runs the action and ends the Job it creates with end; it
	// returns the action's event, error and Job.
	scan := func(t *testing.T, end func(*batchv1.JobStatus)) (*api.ScheduledEvent, *batchv1.Job, error) {
		ev := &api.ScheduledEvent{}
		ev.Execution().SetCluster(cluster)
		done := make(chan error, 1)
		go func() { done <- fn(ctx, ev) }()
		var job *batchv1.Job
		kubetest.Eventually(t, 30*time.Second, "the KRR job", func() bool {
			l, err := c.BatchV1().Jobs("robusta").List(ctx, metav1.ListOptions{LabelSelector: "app=krr.robusta.dev"})
			for i := range l.Items {
				if l.Items[i].Status.StartTime == nil {
					job = &l.Items[i]
				}
			}
			return err == nil && job != nil
		})
		pod := kubelet.CreatePod(t, &corev1.Pod{ObjectMeta: metav1.ObjectMeta{Name: job.Name + "-x", Namespace: "robusta", Labels: job.Spec.Template.Labels},
			Spec: job.Spec.Template.Spec})
		kubelet.SetLog("robusta", pod.Name, "krr", krrResult)
		kubetest.UpdateJobStatus(t, c, "robusta", job.Name, end)
		return ev, job, <-done
	}

	t.Run("Report", func(t *testing.T) {
		ev, job, err := scan(t, jobComplete)
		if err != nil {
			t.Fatal(err)
		}
		spec := job.Spec.Template.Spec
		cmd := strings.Join(spec.Containers[0].Command, " ")
		want := "python krr.py simple --namespace prod --cpu-min 5 --max-workers 3 -f json --width 2048 -p http://prom.monitoring:9090 --prometheus-auth-header $(PROMETHEUS_AUTH_HEADER)"
		if cmd != want || spec.ServiceAccountName != "robusta-runner" || spec.NodeSelector["pool"] != "tools" ||
			job.Annotations["scan-id"] == "" || *job.Spec.BackoffLimit != 0 {
			t.Errorf("job: command %q (want %q), service account %q, node selector %v, annotations %v", cmd, want, spec.ServiceAccountName, spec.NodeSelector, job.Annotations)
		}
		// The credential is in a Secret the Job owns, never in its spec.
		sec := must(c.CoreV1().Secrets("robusta").Get(ctx, "krr-auth-secret"+job.Annotations["scan-id"], metav1.GetOptions{})).get(t)
		if string(sec.Data["prometheus-auth-header"]) != "Bearer s3cret" || len(sec.OwnerReferences) != 1 || sec.OwnerReferences[0].UID != job.UID {
			t.Errorf("secret: %v, owners %v", sec.Data, sec.OwnerReferences)
		}
		if raw := must(c.BatchV1().Jobs("robusta").Get(ctx, job.Name, metav1.GetOptions{})).get(t).String(); strings.Contains(raw, "s3cret") {
			t.Error("the Job's spec holds the Prometheus credential")
		}

		fs := ev.Execution().Findings()
		if len(fs) != 1 || fs[0].Title != "KRR Report" || fs[0].Type != api.TypeReport || fs[0].AggregationKey != "KrrReport" {
			t.Fatalf("findings: %v", fs)
		}
		b := blocks(ev)
		if len(b) != 3 || !strings.Contains(string(b[0].(api.Markdown).Text), "score 64, 2 containers") {
			t.Fatalf("blocks: %v", b)
		}
		rows := b[1].(api.Table).Rows
		wantRows := [][]string{
			{"prod", "api", "Deployment", "main", "CRITICAL", "500m -> 50m", "unset -> unset", "512Mi -> 128Mi", "512Mi -> 128Mi"},
			{"data", "db", "StatefulSet", "pg", "UNKNOWN", "1 -> ?", "unset -> unset", "unset -> ?", "unset -> ?"},
		}
		if strings.Join(flatten(rows), "|") != strings.Join(flatten(wantRows), "|") {
			t.Errorf("rows:\n%v\nwant\n%v", rows, wantRows)
		}
		if f := b[2].(api.File); !strings.HasPrefix(string(f.Contents), `{"scans"`) || f.Name != "krr-"+job.Annotations["scan-id"]+".json" {
			t.Errorf("file %s: %.40s", f.Name, f.Contents)
		}
	})

	t.Run("JobFailed", func(t *testing.T) {
		ev, _, err := scan(t, kubetest.JobFailed("BackoffLimitExceeded", "Job has reached the specified backoff limit"))
		if err == nil || !strings.Contains(err.Error(), "failed: BackoffLimitExceeded: Job has reached the specified backoff limit") || len(ev.Execution().Findings()) != 0 {
			t.Errorf("err %v, findings %v", err, ev.Execution().Findings())
		}
	})
}

// jobComplete is the status the Job controller writes when a Job succeeds.
func jobComplete(s *batchv1.JobStatus) {
	now := metav1.Now()
	s.StartTime, s.CompletionTime, s.Succeeded = &now, &now, 1
	for _, typ := range []batchv1.JobConditionType{batchv1.JobSuccessCriteriaMet, batchv1.JobComplete} {
		s.Conditions = append(s.Conditions, batchv1.JobCondition{Type: typ, Status: corev1.ConditionTrue, LastProbeTime: now, LastTransitionTime: now})
	}
}

func flatten(rows [][]string) []string {
	var out []string
	for _, r := range rows {
		out = append(out, strings.Join(r, ","))
	}
	return out
}
