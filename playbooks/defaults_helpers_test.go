package playbooks_test

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"net/http"
	"os"
	"path/filepath"
	"slices"
	"sync"
	"testing"
	"time"

	"gopkg.in/yaml.v3"
	appsv1 "k8s.io/api/apps/v1"
	batchv1 "k8s.io/api/batch/v1"
	corev1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/client-go/kubernetes"

	"github.com/robusta-go/robusta/playbooks"
	"github.com/robusta-go/robusta/runtime/kube/kubetest"
	"github.com/robusta-go/robusta/runtime/runner"
)

// runDefaults runs the runner (the stock bundle) on env with values, a
// file_sink added, and waits until it is ready. It returns the findings
// file. Cleanup stops it and requires a clean exit.
func runDefaults(t *testing.T, env *kubetest.Env, values map[string]any) string {
	t.Helper()
	out, _ := runDefaultsWith(t, env, values)
	return out
}

// runDefaultsWith is runDefaults with more runner flags; it also returns
// the API's address (--listen).
func runDefaultsWith(t *testing.T, env *kubetest.Env, values map[string]any, flags ...string) (out, listen string) {
	t.Helper()
	dir := t.TempDir()
	out = filepath.Join(dir, "findings.jsonl")
	values["sinksConfig"] = []any{map[string]any{"file_sink": map[string]any{"name": "file", "file_name": out}}}
	doc, err := yaml.Marshal(values)
	if err != nil {
		t.Fatal(err)
	}
	cfg := filepath.Join(dir, "values.yaml")
	if err := os.WriteFile(cfg, doc, 0o644); err != nil {
		t.Fatal(err)
	}
	logs := &runnerLog{started: make(chan [2]string, 1)}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	args := append([]string{"--config", cfg, "--kubeconfig", env.Kubeconfig(t), "--listen", "127.0.0.1:0", "--metrics-listen", "127.0.0.1:0"}, flags...)
	go func() { done <- runner.Run(ctx, args, logs, playbooks.Actions) }()
	t.Cleanup(func() {
		cancel()
		if err := <-done; err != nil {
			t.Errorf("Run: %v", err)
		}
		if t.Failed() {
			t.Logf("runner logs:\n%s", logs)
		}
	})
	var addrs [2]string
	select {
	case addrs = <-logs.started:
	case err := <-done:
		t.Fatalf("the runner exited: %v\nconfig:\n%s\nlogs:\n%s", err, doc, logs)
	case <-time.After(30 * time.Second):
		t.Fatalf("the runner did not start:\n%s", logs)
	}
	kubetest.Eventually(t, 30*time.Second, "/readyz to return 200", func() bool {
		resp, err := http.Get("http://" + addrs[1] + "/readyz")
		if err != nil {
			return false
		}
		resp.Body.Close()
		return resp.StatusCode == http.StatusOK
	})
	return out, addrs[0]
}

// sunk is a file_sink line: the parts these tests look at.
type sunk struct {
	Title, Description, Severity, Playbook string
	Subject                                struct {
		Kind, Name, Namespace, Node string
		Labels                      map[string]string
	}
	Enrichments []struct {
		Title  string
		Blocks []map[string]any
	}
}

// waitFinding waits until a finding titled title is in the file and
// returns every finding with that title.
func waitFinding(t *testing.T, path, title string) []sunk {
	t.Helper()
	var got []sunk
	kubetest.Eventually(t, 30*time.Second, "a finding titled "+title, func() bool {
		got = slices.DeleteFunc(readSunk(t, path), func(f sunk) bool { return f.Title != title })
		return len(got) > 0
	})
	return got
}

func readSunk(t *testing.T, path string) []sunk {
	t.Helper()
	f, err := os.Open(path)
	if os.IsNotExist(err) {
		return nil
	}
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var out []sunk
	sc := bufio.NewScanner(f)
	sc.Buffer(nil, 16<<20)
	for sc.Scan() {
		var s sunk
		if err := json.Unmarshal(sc.Bytes(), &s); err != nil {
			t.Fatalf("findings line %q: %v", sc.Bytes(), err)
		}
		out = append(out, s)
	}
	return out
}

// runnerLog is the runner's log output; it hands over the API's and the
// probes' addresses of the "runner started" line.
type runnerLog struct {
	mu      sync.Mutex
	buf     bytes.Buffer
	started chan [2]string
	seen    bool
}

func (l *runnerLog) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.buf.Write(p)
	for line := range bytes.SplitSeq(p, []byte("\n")) {
		var rec struct {
			Msg           string
			Listen        string
			MetricsListen string `json:"metrics_listen"`
		}
		if !l.seen && json.Unmarshal(line, &rec) == nil && rec.Msg == "runner started" {
			l.seen = true
			l.started <- [2]string{rec.Listen, rec.MetricsListen}
		}
	}
	return len(p), nil
}

func (l *runnerLog) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.buf.String()
}

func createJob(t *testing.T, c kubernetes.Interface, ns, name string) {
	t.Helper()
	job := &batchv1.Job{
		ObjectMeta: metav1.ObjectMeta{Namespace: ns, Name: name},
		Spec: batchv1.JobSpec{Template: corev1.PodTemplateSpec{Spec: corev1.PodSpec{
			RestartPolicy: corev1.RestartPolicyNever, Containers: []corev1.Container{{Name: "main", Image: "etl:1"}},
		}}},
	}
	if _, err := c.BatchV1().Jobs(ns).Create(t.Context(), job, metav1.CreateOptions{}); err != nil {
		t.Fatal(err)
	}
}

func deployment(ns, name string) *appsv1.Deployment {
	one := int32(1)
	sel := map[string]string{"app": name}
	return &appsv1.Deployment{
		ObjectMeta: metav1.ObjectMeta{Namespace: ns, Name: name},
		Spec: appsv1.DeploymentSpec{
			Replicas: &one, Selector: &metav1.LabelSelector{MatchLabels: sel},
			Template: corev1.PodTemplateSpec{
				ObjectMeta: metav1.ObjectMeta{Labels: sel},
				Spec:       corev1.PodSpec{Containers: []corev1.Container{{Name: "main", Image: name + ":1"}}},
			},
		},
	}
}
