package runner

import (
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/testutil"
)

// limited turns away, at once and with Retry-After, what exceeds its
// slots, and frees a slot when a request ends: the alerts endpoint's
// bound (its runner test would need an alert held inside the handler).
func TestLimitedAnswersBusy(t *testing.T) {
	entered, release := make(chan struct{}), make(chan struct{})
	h := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		entered <- struct{}{}
		<-release
	})
	reg := prometheus.NewRegistry()
	rejected := newRejected(reg)
	srv := httptest.NewServer(limited(1, http.StatusServiceUnavailable, alertsPath, rejected, h))
	defer srv.Close()
	first := make(chan int, 1)
	go func() {
		resp, err := http.Post(srv.URL, "application/json", strings.NewReader("{}"))
		if err != nil {
			first <- 0
			return
		}
		resp.Body.Close()
		first <- resp.StatusCode
	}()
	<-entered
	resp, err := http.Post(srv.URL, "application/json", strings.NewReader("{}"))
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != http.StatusServiceUnavailable || resp.Header.Get("Retry-After") != "1" ||
		strings.TrimSpace(string(body)) != `{"error":"POST /api/alerts is busy: 1 requests in flight; retry later"}` {
		t.Errorf("second request: %d Retry-After %q %s", resp.StatusCode, resp.Header.Get("Retry-After"), body)
	}
	close(release)
	if code := <-first; code != http.StatusOK {
		t.Errorf("first request: %d, want 200", code)
	}
	// The slot is free again.
	go func() { <-entered }()
	resp, err = http.Post(srv.URL, "application/json", strings.NewReader("{}"))
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		t.Errorf("third request, after the first ended: %d, want 200", resp.StatusCode)
	}
	if got := testutil.ToFloat64(rejected.WithLabelValues(alertsPath)); got != 1 {
		t.Errorf("rejected %g, want 1", got)
	}
}

func TestFlagConflicts(t *testing.T) {
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"--listen", ":7000", "--metrics-listen", ":7000"}, "--listen and --metrics-listen must differ (both :7000)"},
		{[]string{"--max-concurrent-alerts", "0"}, "--max-concurrent-alerts (0) and --max-concurrent-triggers (4) must be at least 1"},
		{[]string{"--http-read-header-timeout", "0s"}, "must be positive"},
		{[]string{"--shutdown-http-timeout", "0s"}, "must be positive"},
	} {
		_, err := parseFlags(append([]string{"--config", "v.yaml"}, c.args...), io.Discard)
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%q: %v, want %q", c.args, err, c.want)
		}
	}
	_, err := alertsToken(Flags{AlertsTokenFile: "/t", AlertsOpen: true})
	if err == nil || err.Error() != "--alerts-token-file and --alerts-allow-unauthenticated exclude each other" {
		t.Errorf("token file and open alerts: %v", err)
	}
}
