package runner_test

import (
	"bufio"
	"bytes"
	"encoding/json"
	"net/http"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	appsv1 "k8s.io/api/apps/v1"
	corev1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"

	"github.com/robusta-go/robusta/playbooks"
	"github.com/robusta-go/robusta/runtime/kube/kubetest"
	"github.com/robusta-go/robusta/runtime/runner"
)

// Built-in playbooks that read the cluster: the events list, a log
// through the kubelet, a Secret's diff, and a manual run.
const recordPlaybooks = `customPlaybooks:
- name: DeploymentChanged
  triggers: [{on_deployment_update: {}}]
  actions: [{resource_babysitter: {}}]
- name: PodChanged
  triggers: [{on_pod_update: {name_prefix: api-}}]
  actions:
  - pod_events_enricher: {}
  - logs_enricher: {}
- name: SecretChanged
  triggers: [{on_secret_update: {}}]
  actions: [{resource_babysitter: {}}]
`

// Replaying a recording of a real run gives the findings the run wrote.
// Only starts_at differs: a finding's creation time is the replay's.
func TestRecordAndReplay(t *testing.T) {
	env := kubetest.Start(t)
	k := kubetest.StartKubelet(t, env)
	c := env.Client
	namespace(t, c, "shop")
	createDeployment(t, c, "shop", "api", map[string]string{"app": "api"})
	pod := k.CreatePod(t, &corev1.Pod{ObjectMeta: metav1.ObjectMeta{Namespace: "shop", Name: "api-0", Labels: map[string]string{"app": "api"}},
		Spec: corev1.PodSpec{Containers: []corev1.Container{{Name: "main", Image: "busybox"}}}})
	k.SetLog("shop", pod.Name, "main", "starting\npanic: boom\n")
	createEvent(t, c, "shop", "api-0.1", pod.Name)
	sec, err := c.CoreV1().Secrets("shop").Create(t.Context(), &corev1.Secret{ObjectMeta: metav1.ObjectMeta{Namespace: "shop", Name: "db"},
		Data: map[string][]byte{"password": []byte("hunter2"), "user": []byte("app")}}, metav1.CreateOptions{})
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	rec, tokenFile := filepath.Join(dir, "rec.jsonl"), filepath.Join(dir, "token")
	if err := os.WriteFile(tokenFile, []byte("tok"), 0o600); err != nil {
		t.Fatal(err)
	}
	p := startReady(t, spec{Kubeconfig: env.Kubeconfig(t), Playbooks: recordPlaybooks,
		Args: []string{"--record", rec, "--trigger-token-file", tokenFile}})

	updateDeployment(t, c, "shop", "api", func(d *appsv1.Deployment) { d.Labels["tier"] = "web" })
	updatePod(t, c, "shop", "api-0", func(p *corev1.Pod) { p.Labels["canary"] = "yes" })
	sec.Data["password"] = []byte("hunter3")
	if _, err := c.CoreV1().Secrets("shop").Update(t.Context(), sec, metav1.UpdateOptions{}); err != nil {
		t.Fatal(err)
	}
	if code, a := p.postTrigger(t, "tok", `{"action_name":"logs_enricher","kind":"Pod","namespace":"shop","name":"api-0"}`); code != http.StatusOK {
		t.Fatalf("manual run: %d %+v", code, a)
	}
	p.Findings.WaitN(t, 4)
	p.Stop(t)
	live := lines(t, string(p.Findings))

	data, err := os.ReadFile(rec)
	if err != nil {
		t.Fatal(err)
	}
	if bytes.Contains(data, []byte("hunter")) || bytes.Contains(data, []byte("aHVudGVy")) {
		t.Errorf("the recording holds the Secret's value")
	}
	var out, stderr bytes.Buffer
	values := filepath.Join(filepath.Dir(string(p.Findings)), "values.yaml")
	if err := runner.Replay(t.Context(), []string{"--events", rec, "--config", values, "--json", "--sink", "main"}, &out, &stderr, playbooks.Actions); err != nil {
		t.Fatalf("replay: %v\n%s", err, stderr.String())
	}
	replayed := linesOf(t, out.Bytes())
	if len(live) != 4 {
		t.Errorf("%d live findings, want 4", len(live))
	}
	// The live run's workers and the sink's queue need not keep the order
	// of findings about different objects: compare them sorted.
	if d := cmp.Diff(canonical(t, live), canonical(t, replayed)); d != "" {
		t.Errorf("replayed findings differ from the run's (-live +replay):\n%s\nreplay's stderr:\n%s", d, stderr.String())
	}
	if !strings.Contains(stderr.String(), "replayed 4 inputs: 4 findings delivered") {
		t.Errorf("replay's summary:\n%s", stderr.String())
	}

	// A recording that cannot be opened stops the start, saying so.
	err = runner.Run(t.Context(), []string{"--config", values, "--kubeconfig", env.Kubeconfig(t), "--listen", "127.0.0.1:0", "--metrics-listen", "127.0.0.1:0",
		"--record", filepath.Join(dir, "missing", "rec.jsonl")}, &bytes.Buffer{}, playbooks.Actions)
	if err == nil || !strings.Contains(err.Error(), "opening recording: open "+filepath.Join(dir, "missing", "rec.jsonl")) {
		t.Errorf("--record in a missing directory: %v", err)
	}
}

// lines reads a file_sink's file as JSON objects.
func lines(t *testing.T, file string) []map[string]any {
	t.Helper()
	data, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	return linesOf(t, data)
}

func linesOf(t *testing.T, data []byte) []map[string]any {
	t.Helper()
	var out []map[string]any
	sc := bufio.NewScanner(bytes.NewReader(data))
	sc.Buffer(nil, 16<<20)
	for sc.Scan() {
		var m map[string]any
		if err := json.Unmarshal(sc.Bytes(), &m); err != nil {
			t.Fatalf("%v: %s", err, sc.Bytes())
		}
		out = append(out, m)
	}
	return out
}

// canonical drops starts_at, the one field a replay cannot reproduce,
// and sorts the findings by their JSON.
func canonical(t *testing.T, fs []map[string]any) []string {
	t.Helper()
	var out []string
	for _, f := range fs {
		delete(f, "starts_at")
		b, err := json.MarshalIndent(f, "", "  ")
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, string(b))
	}
	slices.Sort(out)
	return out
}
