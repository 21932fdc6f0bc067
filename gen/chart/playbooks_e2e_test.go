package chart_test

import (
	"bufio"
	"encoding/json"
	"net/http"
	"os"
	"path/filepath"
	"slices"
	"testing"
	"time"

	batchv1 "k8s.io/api/batch/v1"
	corev1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"

	"github.com/robusta-go/robusta/runtime/kube/kubetest"
)

// TestChartDefaultPlaybooksRun runs the runner with the stock chart's
// config, the platform playbooks enabled and only the sink changed (a
// file_sink, to read the findings): Robusta's default playbooks load, and
// a crash-looping pod and a failed Job get Robusta's findings.
func TestChartDefaultPlaybooksRun(t *testing.T) {
	out := filepath.Join(t.TempDir(), "findings.jsonl")
	r := render(t, stockChart(t), "enablePlatformPlaybooks: true\nsinksConfig: [{file_sink: {name: file, file_name: "+out+"}}]\n")
	env := kubetest.Start(t)
	c := env.Client
	ctx := t.Context()
	if _, err := c.CoreV1().Namespaces().Create(ctx, &corev1.Namespace{ObjectMeta: metav1.ObjectMeta{Name: "app"}}, metav1.CreateOptions{}); err != nil {
		t.Fatal(err)
	}
	p := runRendered(t, r, env)
	kubetest.Eventually(t, 30*time.Second, "/readyz to return 200", func() bool {
		resp, err := http.Get("http://" + p.metricsAddr + "/readyz")
		if err != nil {
			return false
		}
		resp.Body.Close()
		return resp.StatusCode == http.StatusOK
	})

	if _, err := c.CoreV1().Pods("app").Create(ctx, &corev1.Pod{
		ObjectMeta: metav1.ObjectMeta{Name: "web-1"},
		Spec:       corev1.PodSpec{Containers: []corev1.Container{{Name: "main", Image: "busybox"}}},
	}, metav1.CreateOptions{}); err != nil {
		t.Fatal(err)
	}
	kubetest.UpdatePodStatus(t, c, "app", "web-1", func(s *corev1.PodStatus) {
		s.ContainerStatuses = []corev1.ContainerStatus{{Name: "main", Image: "busybox", RestartCount: 3,
			State: corev1.ContainerState{Waiting: &corev1.ContainerStateWaiting{Reason: "CrashLoopBackOff"}}}}
	})
	if _, err := c.BatchV1().Jobs("app").Create(ctx, &batchv1.Job{
		ObjectMeta: metav1.ObjectMeta{Name: "etl"},
		Spec: batchv1.JobSpec{Template: corev1.PodTemplateSpec{Spec: corev1.PodSpec{
			RestartPolicy: corev1.RestartPolicyNever, Containers: []corev1.Container{{Name: "main", Image: "busybox"}},
		}}},
	}, metav1.CreateOptions{}); err != nil {
		t.Fatal(err)
	}
	kubetest.UpdateJobStatus(t, c, "app", "etl", kubetest.JobFailed("BackoffLimitExceeded", "Job has reached the specified backoff limit"))

	for _, title := range []string{"Crashing pod web-1 in namespace app", "Job etl on namespace app failed"} {
		kubetest.Eventually(t, 30*time.Second, "a finding titled "+title, func() bool { return slices.Contains(titles(t, out), title) })
	}
}

// titles reads the titles of the findings a file_sink wrote.
func titles(t *testing.T, path string) []string {
	t.Helper()
	f, err := os.Open(path)
	if os.IsNotExist(err) {
		return nil
	}
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var out []string
	sc := bufio.NewScanner(f)
	sc.Buffer(nil, 16<<20)
	for sc.Scan() {
		var line struct{ Title string }
		if json.Unmarshal(sc.Bytes(), &line) == nil {
			out = append(out, line.Title)
		}
	}
	return out
}
