package runner_test

import (
	"encoding/json"
	"io"
	"net/http"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/client-go/kubernetes"
	"k8s.io/client-go/util/retry"

	"github.com/robusta-go/robusta/playbooks"
	"github.com/robusta-go/robusta/runtime/kube/kubetest"
	"github.com/robusta-go/robusta/runtime/registry"
	"github.com/robusta-go/robusta/runtime/runner"
)

// leaseDuration is the tests' --leader-election-lease-duration: short, yet
// long enough against the renew deadline that a loaded machine running
// with -race never misses a renewal.
const leaseDuration = 6 * time.Second

// electionArgs are the flags of a replica competing for the Lease name in
// namespace ns.
func electionArgs(ns, name string) []string {
	return []string{"--namespace", ns, "--leader-elect", "--leader-election-id", name,
		"--leader-election-lease-duration", leaseDuration.String(),
		"--leader-election-renew-deadline", "4s", "--leader-election-retry-period", "500ms"}
}

const createdPlaybook = `customPlaybooks:
- name: Created
  triggers: [{on_pod_create: {}}]
  actions: [{create_finding: {title: "$name", aggregation_key: Created}}]
`

// Two replicas, one Lease: one leads, is ready and reports; the other is
// alive, not ready, and refuses the API. Stopping the leader hands over at
// once: the other leads well within the lease duration and reports the
// next change.
func TestLeaderElection(t *testing.T) {
	t.Setenv("POD_NAME", "robusta-runner-0") // both replicas: the random suffix tells them apart
	env := kubetest.Start(t)
	c := env.Client
	namespace(t, c, "le")
	s := spec{Kubeconfig: env.Kubeconfig(t), Playbooks: createdPlaybook, Args: electionArgs("le", "le-test")}
	a, b := start(t, s), start(t, s)

	var leader, follower *proc
	kubetest.Eventually(t, wait, "a runner to become ready", func() bool {
		readyA, readyB := a.status(t, "/readyz") == http.StatusOK, b.status(t, "/readyz") == http.StatusOK
		switch {
		case readyA && readyB:
			t.Fatal("both runners are ready")
		case readyA:
			leader, follower = a, b
		case readyB:
			leader, follower = b, a
		}
		return leader != nil
	})
	checkFollower(t, follower)
	if got, want := leaseHolder(t, c, "le", "le-test"), identityOf(t, leader); got != want {
		t.Errorf("Lease holder %q, want the ready runner, %q", got, want)
	}

	pod1 := createPod(t, c, "le", "pod-1", nil)
	want1 := []finding{created("Created", []string{"create_finding"}, "pod-1", "Created", "HIGH", subjectOf("Pod", pod1))}
	if d := cmp.Diff(want1, leader.Findings.WaitN(t, 1), diffOpts); d != "" {
		t.Errorf("leader's findings (-want +got):\n%s", d)
	}
	// The follower runs no informer: it cannot have seen pod-1.
	if got := follower.Findings.Read(t); len(got) != 0 {
		t.Errorf("the follower wrote findings: %+v", got)
	}
	checkFollower(t, follower)

	canceled := time.Now()
	leader.cancel()
	kubetest.Eventually(t, leaseDuration, "the follower to become ready within the lease duration",
		func() bool { return follower.status(t, "/readyz") == http.StatusOK })
	t.Logf("the follower was ready %s after the leader was canceled", time.Since(canceled).Round(time.Millisecond))
	leader.Stop(t) // a clean exit
	if got, want := leaseHolder(t, c, "le", "le-test"), identityOf(t, follower); got != want {
		t.Errorf("Lease holder %q after the handover, want %q", got, want)
	}

	pod2 := createPod(t, c, "le", "pod-2", nil)
	want2 := []finding{created("Created", []string{"create_finding"}, "pod-2", "Created", "HIGH", subjectOf("Pod", pod2))}
	if d := cmp.Diff(want2, follower.Findings.WaitN(t, 1), diffOpts); d != "" {
		t.Errorf("new leader's findings (-want +got):\n%s", d)
	}
	if d := cmp.Diff(want1, leader.Findings.Read(t), diffOpts); d != "" {
		t.Errorf("old leader's findings (-want +got):\n%s", d)
	}
	// The new leader's informers listed pod-1 as existing, not created.
	if n := len(follower.Findings.Read(t)); n != 1 {
		t.Errorf("new leader wrote %d findings, want 1", n)
	}
}

// A leader whose Lease is taken (a partition, a clock jump) stops taking
// events, lets the running action finish, flushes its sinks, and exits with
// an error so that Kubernetes restarts it, rather than running alongside
// the new leader.
func TestLostLeadership(t *testing.T) {
	env := kubetest.Start(t)
	c := env.Client
	namespace(t, c, "lost")
	g := &gate{started: make(chan string, 2), release: make(chan struct{})}
	p := startReady(t, spec{
		Kubeconfig: env.Kubeconfig(t),
		Packages:   []registry.Package{playbooks.Actions, g.pkg()},
		Args:       append(electionArgs("lost", "lost-test"), "--shutdown-grace", "20s"),
		Playbooks: `customPlaybooks:
- name: Slow
  triggers: [{on_pod_create: {}}]
  actions: [{create_finding: {title: "$name", aggregation_key: Slow}}, {hold: {}}]
`,
	})
	t.Cleanup(g.Release)
	slow := createPod(t, c, "lost", "slow-1", nil)
	g.WaitStarted(t, "slow-1")

	takeLease(t, c, "lost", "lost-test", "intruder")
	kubetest.Eventually(t, wait, "the runner to notice it lost the Lease", func() bool { return p.Logs.Contains(`"msg":"lost leadership: stopping"`) })
	select {
	case <-p.exited:
		t.Fatalf("Run returned (%v) while an action was running", p.err)
	default:
	}

	g.Release()
	err := p.Wait(t)
	if err == nil || !strings.Contains(err.Error(), "lost leadership") {
		t.Fatalf("Run returned %v, want a lost leadership error", err)
	}
	want := []finding{created("Slow", []string{"create_finding", "hold"}, "slow-1", "Slow", "HIGH", subjectOf("Pod", slow), blocks(markdown("released"))...)}
	if d := cmp.Diff(want, p.Findings.Read(t), diffOpts); d != "" {
		t.Errorf("findings after losing the Lease (-want +got):\n%s", d)
	}
	if got := leaseHolder(t, c, "lost", "lost-test"); got != "intruder" {
		t.Errorf("Lease holder %q, want intruder (the old leader must not take it back)", got)
	}
}

// checkFollower requires p to be alive, not ready for want of the Lease,
// and to refuse alerts and manual triggers with 503 so that they are
// retried elsewhere.
func checkFollower(t *testing.T, p *proc) {
	t.Helper()
	if code, body := p.get(t, "/readyz"); code != http.StatusServiceUnavailable || strings.TrimSpace(body) != "waiting for leadership" {
		t.Errorf("follower /readyz: %d %q, want 503 \"waiting for leadership\"", code, body)
	}
	if code := p.status(t, "/healthz"); code != http.StatusOK {
		t.Errorf("follower /healthz: %d, want 200", code)
	}
	if code, body := p.postAlerts(t, alertBody(t, "firing", "le", "pod-1")); code != http.StatusServiceUnavailable {
		t.Errorf("follower POST /api/alerts: %d %q, want 503", code, body)
	}
	if code, a := p.postTrigger(t, "", `{"action_name": "create_finding", "action_params": {"title": "x"}}`); code != http.StatusServiceUnavailable || !strings.Contains(a.Error, "not the leader") {
		t.Errorf("follower POST /api/trigger: %d %+v, want 503 not the leader", code, a)
	}
}

// identityOf is the identity p competes under, from its logs.
func identityOf(t *testing.T, p *proc) string {
	t.Helper()
	for line := range strings.SplitSeq(p.Logs.String(), "\n") {
		var rec struct{ Msg, Identity string }
		if json.Unmarshal([]byte(line), &rec) == nil && rec.Msg == "waiting for leadership" {
			pod := os.Getenv("POD_NAME")
			if pod == "" {
				pod, _ = os.Hostname()
			}
			if name, suffix, _ := strings.Cut(rec.Identity, "_"); name != pod || suffix == "" {
				t.Errorf("identity %q is not %s_<random>", rec.Identity, pod)
			}
			return rec.Identity
		}
	}
	t.Fatal("no \"waiting for leadership\" log line")
	return ""
}

func leaseHolder(t *testing.T, c kubernetes.Interface, ns, name string) string {
	t.Helper()
	l, err := c.CoordinationV1().Leases(ns).Get(t.Context(), name, metav1.GetOptions{})
	if err != nil {
		t.Fatalf("getting the Lease: %v", err)
	}
	if l.Spec.HolderIdentity == nil {
		return ""
	}
	return *l.Spec.HolderIdentity
}

// takeLease writes holder into the Lease, valid for a minute, as another
// replica would once it believed the Lease expired.
func takeLease(t *testing.T, c kubernetes.Interface, ns, name, holder string) {
	t.Helper()
	leases := c.CoordinationV1().Leases(ns)
	err := retry.RetryOnConflict(retry.DefaultRetry, func() error {
		l, err := leases.Get(t.Context(), name, metav1.GetOptions{})
		if err != nil {
			return err
		}
		now, seconds := metav1.NewMicroTime(time.Now()), int32(60)
		l.Spec.HolderIdentity, l.Spec.LeaseDurationSeconds = &holder, &seconds
		l.Spec.AcquireTime, l.Spec.RenewTime = &now, &now
		_, err = leases.Update(t.Context(), l, metav1.UpdateOptions{})
		return err
	})
	if err != nil {
		t.Fatalf("taking the Lease: %v", err)
	}
}

// The election's timings are checked before anything starts, naming the
// flags.
func TestLeaderElectionFlags(t *testing.T) {
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"--leader-election-lease-duration", "10s"}, "--leader-election-lease-duration (10s) must be longer than --leader-election-renew-deadline (10s)"},
		{[]string{"--leader-election-renew-deadline", "2s"}, "--leader-election-renew-deadline (2s) must be longer than 1.2 × --leader-election-retry-period (2s)"},
		{[]string{"--leader-election-retry-period", "0s"}, "--leader-election-retry-period must be positive"},
		{[]string{"--leader-election-id", ""}, "--leader-election-id must not be empty"},
	} {
		args := append([]string{"--config", "unread.yaml", "--leader-elect"}, tc.args...)
		err := runner.Run(t.Context(), args, io.Discard, playbooks.Actions)
		if err == nil || err.Error() != tc.want {
			t.Errorf("Run %v: %v, want %q", tc.args, err, tc.want)
		}
	}
}
