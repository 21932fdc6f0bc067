package runner_test

import (
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	corev1 "k8s.io/api/core/v1"
	"k8s.io/client-go/kubernetes"

	"github.com/robusta-go/robusta/runtime/kube/kubetest"
)

// outagePlaybooks report each object's last change by name. The update
// trigger wants the label the test sets, so that the update which marks a
// pod for deletion (seen only when the runner is connected at that moment)
// fires nothing and the findings do not depend on timing.
const outagePlaybooks = `customPlaybooks:
- name: Created
  triggers: [{on_pod_create: {}}]
  actions: [{create_finding: {title: "created $name", aggregation_key: Created}}]
- name: Updated
  triggers: [{on_pod_update: {labels_selector: changed}}]
  actions: [{create_finding: {title: "updated $name", aggregation_key: Updated}}]
- name: Deleted
  triggers: [{on_pod_delete: {}}]
  actions: [{create_finding: {title: "deleted $name", aggregation_key: Deleted}}]
`

// outage is one object per kind of change, made while the runner may not
// be watching: each object changes once, so its final state says what
// happened to it and the runner must report exactly that.
type outage struct {
	upd, del *corev1.Pod // before the outage
	still    *corev1.Pod // before, never changed: a relist must not call it updated
	added    *corev1.Pod // created during it
	updated  *corev1.Pod // upd, updated during it
}

// before creates the pods the outage will change and waits for the runner
// to report them: its watches are then live and have delivered events.
func (o *outage) before(t *testing.T, c kubernetes.Interface, p *proc) {
	t.Helper()
	o.upd = createPod(t, c, "ops", "upd", map[string]string{"app": "web"})
	o.del = createPod(t, c, "ops", "del", map[string]string{"app": "db"})
	o.still = createPod(t, c, "ops", "still", map[string]string{"changed": "no"})
	p.Findings.Wait(t, "the pods' create findings", func(all []finding) bool { return count(all, "Created") == 3 })
}

func (o *outage) change(t *testing.T, c kubernetes.Interface) {
	t.Helper()
	o.added = createPod(t, c, "ops", "added", nil)
	o.updated = updatePod(t, c, "ops", "upd", func(p *corev1.Pod) { p.Labels["changed"] = "yes" })
	deletePod(t, c, "ops", "del")
}

// check waits for the findings of the outage's changes, then for those of a
// marker pod created after them: with one worker, the runner has then
// reported everything its relist found, and the findings must be exactly
// the expected ones.
func (o *outage) check(t *testing.T, c kubernetes.Interface, p *proc) {
	t.Helper()
	p.Findings.WaitN(t, 6)
	createPod(t, c, "ops", "marker", nil)
	all := p.Findings.WaitFor(t, "the marker's finding", func(f finding) bool { return f.Subject.Name == "marker" })
	all = slices.DeleteFunc(all, func(f finding) bool { return f.Subject.Name == "marker" })
	pb := func(playbook, verb string, pod *corev1.Pod) finding {
		title := verb + " " + pod.Name
		return created(playbook, []string{"create_finding"}, title, playbook, "HIGH", subjectOf("Pod", pod))
	}
	for name, want := range map[string][]finding{
		"added": {pb("Created", "created", o.added)},
		"upd":   {pb("Created", "created", o.upd), pb("Updated", "updated", o.updated)},
		// Deleted while unseen: reported with the last state the runner had.
		"del":   {pb("Created", "created", o.del), pb("Deleted", "deleted", o.del)},
		"still": {pb("Created", "created", o.still)},
	} {
		if d := cmp.Diff(want, about(all, "Pod", "ops", name), diffOpts); d != "" {
			t.Errorf("findings about pod %s (-want +got):\n%s", name, d)
		}
	}
	if len(all) != 6 {
		t.Errorf("%d findings, want 6", len(all))
	}
}

// The API server restarts under a connected runner; every change made once
// it is back is reported.
func TestAPIServerRestart(t *testing.T) {
	env := restartable(t)
	c := env.Client
	namespace(t, c, "ops")
	p := startReady(t, spec{Kubeconfig: env.Kubeconfig(t), Playbooks: outagePlaybooks, Args: []string{"--workers", "1"}})
	var o outage
	o.before(t, c, p)

	env.RestartAPIServer(t)
	o.change(t, c)
	o.check(t, c, p)
}

// The runner is cut off (through a proxy) while objects change and the API
// server restarts. The new API server's watch cache starts at the current
// revision, so the runner's watches resume from a resourceVersion that is
// too old: they get 410 Expired, relist, and the relist must report each
// change, the missed delete included (a tombstone of the last known state).
func TestWatchExpiryRelists(t *testing.T) {
	env := restartable(t)
	c := env.Client
	namespace(t, c, "ops")
	proxy := env.StartProxy(t)
	p := startReady(t, spec{Kubeconfig: proxy.Kubeconfig(t, env), Playbooks: outagePlaybooks, Args: []string{"--workers", "1"}})
	var o outage
	o.before(t, c, p)
	klogs := captureKlog(t)

	// The runner's connection stays cut until Unblock, so its watch resumes
	// only then, on the new API server, from its old resourceVersion.
	proxy.Block()
	o.change(t, c)
	env.RestartAPIServer(t)
	proxy.Unblock()
	o.check(t, c, p)

	expired := func(line string) bool {
		return strings.Contains(line, `"Watch closed"`) && strings.Contains(line, `type="*v1.Pod"`) &&
			strings.Contains(line, "too old resource version")
	}
	if !slices.ContainsFunc(strings.Split(klogs.String(), "\n"), expired) {
		t.Errorf("the pod informer's watch never expired; client-go log:\n%s", klogs)
	}
}

// restartable starts a control plane whose API server stops within seconds
// even with the runner's watches open (see RestartAPIServer).
func restartable(t *testing.T) *kubetest.Env {
	return kubetest.Start(t, kubetest.APIServerFlag("shutdown-send-retry-after", "true"))
}
