package kube_test

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	corev1 "k8s.io/api/core/v1"
	apierrors "k8s.io/apimachinery/pkg/api/errors"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/client-go/rest"
	utilexec "k8s.io/utils/exec"

	"github.com/robusta-go/robusta/runtime/api"
	"github.com/robusta-go/robusta/runtime/kube"
	"github.com/robusta-go/robusta/runtime/kube/kubetest"
)

// TestCluster runs Cluster against a real API server, which proxies logs
// and exec to a fake kubelet (the one part that needs containers). The
// subtests share one control plane and pod, each scripting its own logs
// and commands: a control plane per subtest would cost seconds each.
func TestCluster(t *testing.T) {
	env := kubetest.Start(t)
	kubelet := kubetest.StartKubelet(t, env)
	kubelet.CreatePod(t, &corev1.Pod{
		ObjectMeta: metav1.ObjectMeta{Name: "web"},
		Spec:       corev1.PodSpec{Containers: []corev1.Container{{Name: "main", Image: "busybox"}, {Name: "sidecar", Image: "busybox"}}},
	})
	var ups upgrades
	cfg := rest.CopyConfig(env.Config)
	cfg.WrapTransport = ups.wrap
	cluster, err := kube.NewCluster(cfg)
	if err != nil {
		t.Fatal(err)
	}

	t.Run("Logs", func(t *testing.T) { testLogs(t, cluster, kubelet) })
	t.Run("Exec", func(t *testing.T) { testExec(t, cluster, kubelet, &ups) })
	t.Run("ExecTimeout", func(t *testing.T) { testExecTimeout(t, cluster, kubelet) })
	t.Run("Bounds", func(t *testing.T) { testBounds(t, cluster, kubelet) })
}

// testBounds: a log or a command's output larger than its bound is cut
// there, with a marker saying so, instead of being read whole.
func testBounds(t *testing.T, cluster *kube.Cluster, kubelet *kubetest.Kubelet) {
	// Lines of 100 bytes, numbered, then the crash: the end is kept, from
	// a whole line on.
	var log strings.Builder
	for i := 0; log.Len() < 3*kube.MaxLogBytes; i++ {
		fmt.Fprintf(&log, "%09d %s\n", i, strings.Repeat("x", 89))
	}
	log.WriteString("panic: boom\n")
	kubelet.SetLog("default", "web", "main", log.String())
	got, err := cluster.Logs(t.Context(), "default", "web", api.LogOptions{Container: "main"})
	if err != nil {
		t.Fatal(err)
	}
	marker, rest, _ := strings.Cut(got, "\n")
	if !strings.HasSuffix(got, "x\npanic: boom\n") || !strings.HasPrefix(marker, "[log truncated: the first ") ||
		len(rest) > kube.MaxLogBytes || len(rest) < kube.MaxLogBytes-100 || !strings.HasSuffix(log.String(), rest) || rest[9] != ' ' {
		t.Errorf("Logs of an oversized log: %d bytes starting %q, want its last %d bytes from a line's start, after a marker", len(got), got[:min(len(got), 80)], kube.MaxLogBytes)
	}

	big := []string{"/bin/sh", "-c", "yes"}
	kubelet.HandleExec(kubetest.Output(strings.Repeat("y\n", kube.MaxExecBytes), "", 0), big...)
	out, err := cluster.Exec(t.Context(), "default", "web", api.ExecOptions{Container: "main", Command: big})
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasSuffix(out, "[output truncated at 1048576 bytes]\n") || len(out) > kube.MaxExecBytes+100 {
		t.Errorf("Exec of an oversized output: %d bytes ending %q, want %d and a marker", len(out), out[max(len(out)-60, 0):], kube.MaxExecBytes)
	}
}

func testLogs(t *testing.T, cluster *kube.Cluster, kubelet *kubetest.Kubelet) {
	ctx := t.Context()
	kubelet.SetLog("default", "web", "main", "starting\nready\n")
	kubelet.SetPreviousLog("default", "web", "sidecar", "one\ntwo\nthree\npanic: boom\n")

	got, err := cluster.Logs(ctx, "default", "web", api.LogOptions{Container: "main"})
	if err != nil || got != "starting\nready\n" {
		t.Errorf("Logs(main) = %q, %v; want the whole log", got, err)
	}
	got, err = cluster.Logs(ctx, "default", "web", api.LogOptions{Container: "sidecar", Previous: true, TailLines: 2})
	if err != nil || got != "three\npanic: boom\n" {
		t.Errorf("Logs(sidecar, previous, tail 2) = %q, %v; want the last two lines of the previous log", got, err)
	}
	last := kubelet.Requests()[len(kubelet.Requests())-1]
	want := kubetest.Request{Method: http.MethodGet, Path: "/containerLogs/default/web/sidecar", Status: http.StatusOK}
	if diff := cmp.Diff(want, last, cmp.FilterPath(isQuery, cmp.Ignore())); diff != "" {
		t.Errorf("kubelet request (-want +got):\n%s", diff)
	}
	if q := last.Query; q.Get("previous") != "true" || q.Get("tailLines") != "2" {
		t.Errorf("kubelet query = %v, want previous=true and tailLines=2", q)
	}

	// The kubelet's error comes back through the API server.
	_, err = cluster.Logs(ctx, "default", "web", api.LogOptions{Container: "main", Previous: true})
	if !apierrors.IsBadRequest(err) || !strings.Contains(err.Error(), `previous terminated container "main"`) {
		t.Errorf("Logs(main, previous) error = %v, want the kubelet's bad request", err)
	}

	// The API server answers for a missing pod; the kubelet never hears.
	before := len(kubelet.Requests())
	_, err = cluster.Logs(ctx, "default", "gone", api.LogOptions{})
	if !apierrors.IsNotFound(err) || !strings.Contains(err.Error(), `pods "gone" not found`) {
		t.Errorf("Logs(gone) error = %v, want the API server's not-found error", err)
	}
	if n := len(kubelet.Requests()); n != before {
		t.Errorf("the kubelet got %d requests for a missing pod", n-before)
	}
}

func isQuery(p cmp.Path) bool { return p.Last().String() == ".Query" }

func testExec(t *testing.T, cluster *kube.Cluster, kubelet *kubetest.Kubelet, ups *upgrades) {
	ctx := t.Context()
	ps := []string{"/bin/sh", "-c", "ps"}
	kubelet.HandleExec(kubetest.Output("PID 1 nginx\n", "warning: no tty\n", 0), ps...)
	ups.reset()
	out, err := cluster.Exec(ctx, "default", "web", api.ExecOptions{Container: "sidecar", Command: ps})
	if err != nil {
		t.Fatalf("Exec(ps) error = %v", err)
	}
	// Stdout and stderr travel on separate streams, so only the lines, not
	// their interleaving, are certain.
	if diff := cmp.Diff([]string{"PID 1 nginx", "warning: no tty"}, sortedLines(out)); diff != "" {
		t.Errorf("Exec(ps) output lines (-want +got):\n%s", diff)
	}
	// The client spoke WebSocket (v5) to the API server, which translated
	// it to SPDY for the kubelet, as for any kubelet that does not declare
	// WebSocket support.
	if diff := cmp.Diff([]upgrade{{Via: "websocket", Protocol: "v5.channel.k8s.io", Status: http.StatusSwitchingProtocols}}, ups.get()); diff != "" {
		t.Errorf("client upgrades (-want +got):\n%s", diff)
	}
	last := kubelet.Requests()[len(kubelet.Requests())-1]
	want := kubetest.Request{Method: http.MethodPost, Path: "/exec/default/web/sidecar", Upgrade: "SPDY/3.1", Protocol: "v4.channel.k8s.io", Status: http.StatusSwitchingProtocols}
	if diff := cmp.Diff(want, last, cmp.FilterPath(isQuery, cmp.Ignore())); diff != "" {
		t.Errorf("kubelet request (-want +got):\n%s", diff)
	}
	if q := last.Query; !slices.Equal(q["command"], ps) || q.Get("output") != "1" || q.Get("error") != "1" || q.Has("input") || q.Has("tty") {
		t.Errorf("kubelet query = %v, want the command with stdout and stderr only", q)
	}

	// A failing command is an error carrying its exit code, and what it
	// printed is still returned.
	kubelet.HandleExec(kubetest.Output("partial\n", "fatal: disk full\n", 3), "df")
	out, err = cluster.Exec(ctx, "default", "web", api.ExecOptions{Container: "main", Command: []string{"df"}})
	var exit utilexec.ExitError
	if !errors.As(err, &exit) || exit.ExitStatus() != 3 {
		t.Errorf("Exec(df) error = %v, want exit status 3", err)
	}
	if diff := cmp.Diff([]string{"fatal: disk full", "partial"}, sortedLines(out)); diff != "" {
		t.Errorf("Exec(df) output lines (-want +got):\n%s", diff)
	}

	// So is a command the container cannot run; and a container the pod
	// does not have is refused by the API server. (That refusal fails the
	// WebSocket upgrade, so Cluster retries over SPDY, as kubectl does, and
	// SPDY reports it as text: only the message is certain.)
	if _, err := cluster.Exec(ctx, "default", "web", api.ExecOptions{Container: "main", Command: []string{"nope"}}); err == nil || !strings.Contains(err.Error(), "executable file not found") {
		t.Errorf("Exec(nope) error = %v, want the runtime's not-found error", err)
	}
	if _, err := cluster.Exec(ctx, "default", "web", api.ExecOptions{Container: "db", Command: ps}); err == nil || !strings.Contains(err.Error(), "container db is not valid for pod web") {
		t.Errorf("Exec in container db error = %v, want the API server's refusal", err)
	}
}

func testExecTimeout(t *testing.T, cluster *kube.Cluster, kubelet *kubetest.Kubelet) {
	started := make(chan struct{})
	kubelet.HandleExec(func(ctx context.Context, stdout, stderr io.Writer) int {
		close(started)
		return kubetest.Sleep(ctx, stdout, stderr)
	}, "sleep", "infinity")

	const timeout = time.Second
	start := time.Now()
	_, err := cluster.Exec(t.Context(), "default", "web", api.ExecOptions{Container: "main", Command: []string{"sleep", "infinity"}, Timeout: timeout})
	if took := time.Since(start); !errors.Is(err, context.DeadlineExceeded) || took > timeout+2*time.Second {
		t.Errorf("Exec(sleep infinity) = %v after %s, want a deadline error after about %s", err, took, timeout)
	}
	// The deadline hit a running command, not the connection's set-up. The
	// command goes on: the API server keeps the kubelet's stream open after
	// the client left, as Kubernetes does, until the kubelet stops.
	select {
	case <-started:
	default:
		t.Error("the command never started")
	}
}

// TestClusterExecFallsBackToSPDY runs exec against an API server that
// passes WebSocket through to the kubelet instead of translating it, as
// before Kubernetes 1.30: the kubelet cannot speak v5, the upgrade fails,
// and Cluster retries over SPDY, as kubectl does.
func TestClusterExecFallsBackToSPDY(t *testing.T) {
	env := kubetest.Start(t, kubetest.APIServerFlag("feature-gates", "TranslateStreamCloseWebsocketRequests=false"))
	kubelet := kubetest.StartKubelet(t, env)
	kubelet.CreatePod(t, &corev1.Pod{
		ObjectMeta: metav1.ObjectMeta{Name: "old"},
		Spec:       corev1.PodSpec{Containers: []corev1.Container{{Name: "main", Image: "busybox"}}},
	})
	kubelet.HandleExec(kubetest.Output("hello\n", "", 0), "echo", "hello")
	var ups upgrades
	cfg := rest.CopyConfig(env.Config)
	cfg.WrapTransport = ups.wrap
	cluster, err := kube.NewCluster(cfg)
	if err != nil {
		t.Fatal(err)
	}

	out, err := cluster.Exec(t.Context(), "default", "old", api.ExecOptions{Command: []string{"echo", "hello"}})
	if err != nil || out != "hello\n" {
		t.Fatalf("Exec(echo hello) = %q, %v; want hello", out, err)
	}
	wantUps := []upgrade{{Via: "websocket"}, {Via: "SPDY", Protocol: "v4.channel.k8s.io", Status: http.StatusSwitchingProtocols}}
	if diff := cmp.Diff(wantUps, ups.get()); diff != "" {
		t.Errorf("client upgrades (-want +got):\n%s", diff)
	}
	// The refused WebSocket reached the kubelet, which answered on the raw
	// connection (no Status recorded); the SPDY retry ran the command.
	path := "/exec/default/old/main"
	want := []kubetest.Request{
		{Method: http.MethodGet, Path: path, Upgrade: "websocket"},
		{Method: http.MethodPost, Path: path, Upgrade: "SPDY/3.1", Protocol: "v4.channel.k8s.io", Status: http.StatusSwitchingProtocols},
	}
	if diff := cmp.Diff(want, kubelet.Requests(), cmp.FilterPath(isQuery, cmp.Ignore())); diff != "" {
		t.Errorf("kubelet requests (-want +got):\n%s", diff)
	}
}

func sortedLines(s string) []string {
	lines := strings.Split(strings.TrimSuffix(s, "\n"), "\n")
	slices.Sort(lines)
	return lines
}

// upgrades records the streaming upgrades the client asks the API server
// for, by the header that offers the subprotocols: WebSocket or SPDY.
type upgrades struct {
	mu   sync.Mutex
	seen []upgrade
}

type upgrade struct {
	Via      string // "websocket" or "SPDY"
	Protocol string // the one the server chose
	Status   int    // 0 when the upgrade failed
}

func (u *upgrades) wrap(rt http.RoundTripper) http.RoundTripper {
	return roundTripperFunc(func(req *http.Request) (*http.Response, error) {
		// Read before the round trip: the WebSocket one consumes the header.
		up := upgrade{Via: "websocket"}
		header := "Sec-Websocket-Protocol"
		if req.Header.Get(header) == "" {
			up.Via, header = "SPDY", "X-Stream-Protocol-Version"
		}
		offered := req.Header.Get(header) != ""
		resp, err := rt.RoundTrip(req)
		if !offered {
			return resp, err
		}
		if resp != nil {
			up.Protocol, up.Status = resp.Header.Get(header), resp.StatusCode
		}
		u.mu.Lock()
		u.seen = append(u.seen, up)
		u.mu.Unlock()
		return resp, err
	})
}

func (u *upgrades) get() []upgrade {
	u.mu.Lock()
	defer u.mu.Unlock()
	return slices.Clone(u.seen)
}

func (u *upgrades) reset() {
	u.mu.Lock()
	defer u.mu.Unlock()
	u.seen = nil
}

type roundTripperFunc func(*http.Request) (*http.Response, error)

func (f roundTripperFunc) RoundTrip(req *http.Request) (*http.Response, error) { return f(req) }
