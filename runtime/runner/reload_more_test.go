package runner_test

import (
	"encoding/json"
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	coordinationv1 "k8s.io/api/coordination/v1"
	corev1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"

	"github.com/robusta-go/robusta/playbooks"
	"github.com/robusta-go/robusta/runtime/config"
	"github.com/robusta-go/robusta/runtime/kube/kubetest"
	"github.com/robusta-go/robusta/runtime/registry"
	"github.com/robusta-go/robusta/runtime/schedule"
)

// TestReloadWatchesAddedKinds reloads from a Pod-only config to one that
// also wants Deployments: the runner, which informed on Pods only, starts
// informers for Deployments, and their changes fire.
func TestReloadWatchesAddedKinds(t *testing.T) {
	env := kubetest.Start(t)
	c := env.Client
	namespace(t, c, "shop")
	p := startReady(t, spec{Kubeconfig: env.Kubeconfig(t), Playbooks: createdAs("pod $name"), ConfigMap: true})

	p.swapConfigMap(t, createdAs("pod $name")+`- name: DeploymentCreated
  triggers: [{on_deployment_create: {}}]
  actions: [{create_finding: {title: "deployment $name", aggregation_key: DeploymentCreated}}]
`)
	p.waitMetric(t, fmt.Sprintf(reloadsOK, 1))
	if !p.Logs.Contains(`"kinds_added":["Deployment"]`) {
		t.Errorf("the reload added no informer for Deployments:\n%s", p.Logs)
	}
	createDeployment(t, c, "shop", "after", map[string]string{"app": "after"})
	createPod(t, c, "shop", "a", nil)
	p.Findings.WaitFor(t, "the new Deployment's finding", hasTitle("deployment after"))
	p.Findings.WaitFor(t, "the pod's finding", hasTitle("pod a"))
}

// TestReloadContinuesSchedules reloads twice while Tick runs: once with
// the scheduled playbooks unchanged (the scheduler keeps running), once
// with a schedule added before it (the scheduler restarts, Tick's index
// changes, and Tick continues from its stored state). Tick's runs stay one
// per recurrence, in order, and --record names each run's playbook.
func TestReloadContinuesSchedules(t *testing.T) {
	env := kubetest.Start(t)
	c := env.Client
	namespace(t, c, "robusta")
	pkgs := []registry.Package{playbooks.Actions, tickPkg()}
	const tick = `- name: Tick
  triggers: [{on_schedule: {fixed_delay_repeat: {repeat: 6, seconds_delay: 1}}}]
  actions:
  - tick: {}
`
	const ticks = "customPlaybooks:\n" + tick
	seedSchedule(t, env, pkgs, ticks)
	t.Setenv("POD_NAMESPACE", "robusta")
	recording := filepath.Join(t.TempDir(), "record.jsonl")
	p := start(t, spec{Kubeconfig: env.Kubeconfig(t), Packages: pkgs, Playbooks: ticks, ConfigMap: true, Args: []string{"--record", recording}})
	tickN := func(n int) {
		p.Findings.Wait(t, fmt.Sprintf("%d Tick findings", n), func(all []finding) bool { return count(all, "Tick") >= n })
	}
	tickN(1)
	p.swapConfigMap(t, ticks+`- name: Created
  triggers: [{on_pod_create: {}}]
  actions: [{create_finding: {title: "pod $name", aggregation_key: Created}}]
`)
	p.waitMetric(t, fmt.Sprintf(reloadsOK, 1))
	if !p.Logs.Contains(`"schedules_restarted":false`) {
		t.Errorf("the scheduler restarted for an unchanged schedule:\n%s", p.Logs)
	}
	tickN(2)
	p.swapConfigMap(t, `customPlaybooks:
- name: Tock
  triggers: [{on_schedule: {fixed_delay_repeat: {repeat: 1, seconds_delay: 600}}}]
  actions:
  - tick: {}
`+tick)
	p.waitMetric(t, fmt.Sprintf(reloadsOK, 2))
	if !p.Logs.Contains(`"schedules_restarted":true`) {
		t.Errorf("the scheduler did not restart for an added schedule:\n%s", p.Logs)
	}
	kubetest.Eventually(t, wait, "Tick to finish", func() bool { return p.Logs.Contains(`"msg":"schedule finished","playbook":"Tick"`) })
	want := []string{"recurrence 1", "recurrence 2", "recurrence 3", "recurrence 4", "recurrence 5"}
	if got := recurrences(p.Findings.Read(t)); !slices.Equal(got, want) {
		t.Errorf("Tick's runs %v, want %v: one per recurrence across the reloads", got, want)
	}
	p.Stop(t) // closes the recording
	var recorded []string
	for line := range strings.SplitSeq(strings.TrimSpace(readFile(t, recording)), "\n") {
		var r struct {
			Type     string
			Schedule struct {
				Playbook   string
				Recurrence int
			}
		}
		if err := json.Unmarshal([]byte(line), &r); err != nil {
			t.Fatalf("recording line %q: %v", line, err)
		}
		if r.Type == "schedule" {
			recorded = append(recorded, fmt.Sprintf("%s %d", r.Schedule.Playbook, r.Schedule.Recurrence))
		}
	}
	if want := []string{"Tick 1", "Tick 2", "Tick 3", "Tick 4", "Tick 5"}; !slices.Equal(recorded, want) {
		t.Errorf("recorded schedule runs %v, want %v", recorded, want)
	}
}

func readFile(t *testing.T, path string) string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// seedSchedule stores the state of a runner that ran the one schedule of
// playbooks once, an hour ago: the next run is due at once.
func seedSchedule(t *testing.T, env *kubetest.Env, pkgs []registry.Package, playbooks string) {
	t.Helper()
	set, err := registry.NewSet(pkgs...)
	if err != nil {
		t.Fatal(err)
	}
	cfg, err := config.Load(filepath.Join(t.TempDir(), "values.yaml"), []byte(fmt.Sprintf(values, "/dev/null")+playbooks), set)
	if err != nil {
		t.Fatal(err)
	}
	jobs, err := schedule.JobsFor(cfg.Playbooks)
	if err != nil || len(jobs) != 1 {
		t.Fatalf("jobs %v, %v", jobs, err)
	}
	seed, _ := json.Marshal(schedule.State{Playbook: jobs[0].Playbook, Runs: 1, LastRun: time.Now().Add(-time.Hour)})
	if _, err := env.Client.CoreV1().ConfigMaps("robusta").Create(t.Context(), &corev1.ConfigMap{
		ObjectMeta: metav1.ObjectMeta{Name: schedule.DefaultConfigMap},
		Data:       map[string]string{jobs[0].ID: string(seed)},
	}, metav1.CreateOptions{}); err != nil {
		t.Fatal(err)
	}
}

// TestReloadWhileFollowing reloads a replica waiting for the Lease: it
// takes the new config at once, and once elected runs it, informers for
// the kinds it added included.
func TestReloadWhileFollowing(t *testing.T) {
	env := kubetest.Start(t)
	c := env.Client
	namespace(t, c, "le")
	holder, seconds, now := "other", int32(60), metav1.NewMicroTime(time.Now())
	if _, err := c.CoordinationV1().Leases("le").Create(t.Context(), &coordinationv1.Lease{
		ObjectMeta: metav1.ObjectMeta{Name: "le-reload"},
		Spec:       coordinationv1.LeaseSpec{HolderIdentity: &holder, LeaseDurationSeconds: &seconds, AcquireTime: &now, RenewTime: &now},
	}, metav1.CreateOptions{}); err != nil {
		t.Fatal(err)
	}
	p := start(t, spec{Kubeconfig: env.Kubeconfig(t), Playbooks: createdAs("pod $name"), ConfigMap: true, Args: electionArgs("le", "le-reload")})
	kubetest.Eventually(t, wait, "to wait for the Lease", func() bool { return p.Logs.Contains(`"msg":"waiting for leadership"`) })
	p.swapConfigMap(t, createdAs("pod $name")+`- name: DeploymentCreated
  triggers: [{on_deployment_create: {}}]
  actions: [{create_finding: {title: "deployment $name", aggregation_key: DeploymentCreated}}]
`)
	p.waitMetric(t, fmt.Sprintf(reloadsOK, 1))
	if p.status(t, "/readyz") == http.StatusOK {
		t.Fatal("the follower is ready")
	}

	takeLease(t, c, "le", "le-reload", "") // released: the follower takes it
	kubetest.Eventually(t, wait, "/readyz to return 200 once elected", func() bool { return p.status(t, "/readyz") == http.StatusOK })
	createDeployment(t, c, "le", "web", map[string]string{"app": "web"})
	createPod(t, c, "le", "a", nil)
	p.Findings.WaitFor(t, "the Deployment's finding", hasTitle("deployment web"))
	p.Findings.WaitFor(t, "the pod's finding", hasTitle("pod a"))
}
