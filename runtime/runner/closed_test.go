package runner_test

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/robusta-go/robusta/playbooks"
	"github.com/robusta-go/robusta/runtime/kube/kubetest"
	"github.com/robusta-go/robusta/runtime/registry"
)

// tokenFile writes a token file and returns its path.
func tokenFile(t *testing.T, token string) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), "token")
	if err := os.WriteFile(p, []byte(token+"\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	return p
}

// Without a token /api/alerts answers 403 and says why; the API and the
// metrics are on different ports, each serving only its own paths.
func TestAlertsClosedByDefault(t *testing.T) {
	env := kubetest.Start(t)
	p := startReady(t, spec{Kubeconfig: env.Kubeconfig(t), Playbooks: alertPlaybooks})
	code, body := p.postAlerts(t, alertBody(t, "firing", "shop", "web-1"))
	if code != http.StatusForbidden || !strings.Contains(body, "POST /api/alerts is disabled: the runner has no token (--alerts-token-file) and --alerts-allow-unauthenticated is not set") {
		t.Errorf("POST /api/alerts without a token configured: %d %q, want 403 disabled", code, body)
	}
	if p.Addr == p.MetricsAddr {
		t.Fatalf("API and metrics on one address %s", p.Addr)
	}
	for _, c := range []struct{ addr, method, path string }{
		{p.Addr, http.MethodGet, "/metrics"}, {p.Addr, http.MethodGet, "/readyz"},
		{p.MetricsAddr, http.MethodPost, "/api/trigger"}, {p.MetricsAddr, http.MethodPost, "/api/alerts"},
	} {
		req, err := http.NewRequestWithContext(t.Context(), c.method, "http://"+c.addr+c.path, strings.NewReader("{}"))
		if err != nil {
			t.Fatal(err)
		}
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != http.StatusNotFound {
			t.Errorf("%s %s on %s: %d, want 404", c.method, c.path, c.addr, resp.StatusCode)
		}
	}
}

// More manual runs than --max-concurrent-triggers are answered 429 with
// Retry-After at once, counted, while the first one runs.
func TestTriggerBusy(t *testing.T) {
	env := kubetest.Start(t)
	g := &gate{started: make(chan string, 1), release: make(chan struct{})}
	p := startReady(t, spec{
		Kubeconfig: env.Kubeconfig(t),
		Packages:   []registry.Package{playbooks.Actions, g.pkg()},
		Playbooks:  "customPlaybooks:\n- triggers: [{on_pod_update: {}}]\n  actions: [{hold: {}}]\n",
		Args:       []string{"--trigger-token-file", tokenFile(t, "s3cret"), "--max-concurrent-triggers", "1"},
	})
	t.Cleanup(g.Release)
	first := make(chan int, 1)
	go func() {
		code, _ := p.postTrigger(t, "s3cret", `{"action_name":"hold"}`)
		first <- code
	}()
	g.WaitStarted(t, "")

	req, err := http.NewRequestWithContext(t.Context(), http.MethodPost, "http://"+p.Addr+"/api/trigger", strings.NewReader(`{"action_name":"hold"}`))
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Authorization", "Bearer s3cret")
	client := http.Client{Timeout: 10 * time.Second} // queued behind the first, it would wait for the gate
	resp, err := client.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != http.StatusTooManyRequests || resp.Header.Get("Retry-After") != "1" || !strings.Contains(string(body), "POST /api/trigger is busy") {
		t.Errorf("second run: %d Retry-After %q %s, want 429 with Retry-After 1", resp.StatusCode, resp.Header.Get("Retry-After"), body)
	}
	if _, m := p.get(t, "/metrics"); !strings.Contains(m, `robusta_http_requests_rejected_total{endpoint="POST /api/trigger"} 1`) {
		t.Errorf("/metrics does not count the rejected run")
	}
	g.Release()
	if code := <-first; code != http.StatusOK {
		t.Errorf("first run: %d, want 200", code)
	}
}

// A client that sends its headers slowly is cut off after
// --http-read-header-timeout, and headers above --http-max-header-bytes
// are refused: net/http's defaults wait forever and take 1 MiB.
func TestSlowAndLargeHeaders(t *testing.T) {
	env := kubetest.Start(t)
	p := startReady(t, spec{Kubeconfig: env.Kubeconfig(t), Args: []string{"--http-read-header-timeout", "200ms", "--http-max-header-bytes", "4096"}})
	for _, addr := range []string{p.Addr, p.MetricsAddr} {
		conn, err := net.Dial("tcp", addr)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := io.WriteString(conn, "POST /api/alerts HTTP/1.1\r\nHost: runner\r\n"); err != nil {
			t.Fatal(err)
		}
		// The server closes the connection (a 408 may come first); the
		// deadline only bounds a broken test.
		_ = conn.SetReadDeadline(time.Now().Add(wait))
		_, err = io.ReadAll(conn)
		conn.Close()
		var ne net.Error
		if errors.As(err, &ne) && ne.Timeout() {
			t.Errorf("%s: a client sending half its headers was still connected after %s", addr, wait)
		}
	}
	req, err := http.NewRequestWithContext(t.Context(), http.MethodPost, "http://"+p.Addr+"/api/alerts", strings.NewReader("{}"))
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("X-Padding", strings.Repeat("a", 16<<10))
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusRequestHeaderFieldsTooLarge {
		t.Errorf("16 KiB of headers: %d, want 431", resp.StatusCode)
	}
}

// A client holding a request open on shutdown gets --shutdown-http-timeout,
// not the drain's time: the action still running then finishes within
// --shutdown-grace, its finding is written, and Run returns nil.
func TestSlowClientCannotEatTheDrain(t *testing.T) {
	env := kubetest.Start(t)
	c := env.Client
	namespace(t, c, "slow")
	g := &gate{started: make(chan string, 1), release: make(chan struct{})}
	p := startReady(t, spec{
		Kubeconfig: env.Kubeconfig(t),
		Packages:   []registry.Package{playbooks.Actions, g.pkg()},
		Playbooks:  "customPlaybooks:\n- name: Slow\n  triggers: [{on_pod_create: {}}]\n  actions: [{create_finding: {title: \"$name\"}}, {hold: {}}]\n",
		Args: []string{"--alerts-token-file", tokenFile(t, "s3cret"), "--shutdown-grace", "5s",
			"--shutdown-http-timeout", "300ms", "--shutdown-flush-timeout", "5s"},
	})
	t.Cleanup(g.Release)
	createPod(t, c, "slow", "slow-1", nil)
	g.WaitStarted(t, "slow-1")

	// Headers sent, body promised and never finished: the handler waits
	// for it until --http-read-timeout (30 s), longer than the grace.
	conn, err := net.Dial("tcp", p.Addr)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	fmt.Fprintf(conn, "POST /api/alerts HTTP/1.1\r\nHost: runner\r\nAuthorization: Bearer s3cret\r\nContent-Length: 1000\r\n\r\n{\"alerts\":")
	go func() { _, _ = bufio.NewReader(conn).ReadByte() }() // the answer, if any

	p.cancel()
	kubetest.Eventually(t, wait, "the HTTP phase to end on its own budget", func() bool { return p.Logs.Contains(`"msg":"stopped serving the API: draining"`) })
	g.Release()
	p.Stop(t) // requires nil: the drain and the flush had their time
	if got := p.Findings.Read(t); len(got) != 1 || got[0].Title != "slow-1" {
		t.Errorf("findings after shutdown: %+v, want slow-1's", got)
	}
}
