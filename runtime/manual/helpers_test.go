package manual_test

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"k8s.io/apimachinery/pkg/runtime"
	"k8s.io/client-go/kubernetes/fake"

	"github.com/robusta-go/robusta/playbooks"
	"github.com/robusta-go/robusta/runtime/api"
	"github.com/robusta-go/robusta/runtime/config"
	"github.com/robusta-go/robusta/runtime/engine"
	"github.com/robusta-go/robusta/runtime/manual"
	"github.com/robusta-go/robusta/runtime/registry"
)

// testActions are actions whose event types the built-in playbooks do not
// cover: a Pod-only action that needs no cluster, and an alert-only one.
var testActions = registry.Package{
	Path: "example.com/test",
	Actions: []registry.Action{
		{
			Name:  "pod_name",
			Event: "api.PodEvent",
			Accepts: func(e api.ExecutionEvent) bool {
				_, ok := e.(api.PodEvent)
				return ok
			},
			Bind: func([]byte) (registry.Func, error) {
				return func(_ context.Context, e api.ExecutionEvent) error {
					ev, ok := e.(api.PodEvent)
					if !ok {
						return registry.ErrEventMismatch
					}
					ev.AddEnrichment(api.MarkdownBlock("pod " + ev.GetPod().Name))
					return nil
				}, nil
			},
		},
		{
			Name:    "alert_only",
			Event:   "api.PrometheusAlertEvent",
			Accepts: func(e api.ExecutionEvent) bool { _, ok := e.(*api.PrometheusAlertEvent); return ok },
			Bind: func([]byte) (registry.Func, error) {
				return func(context.Context, api.ExecutionEvent) error { return nil }, nil
			},
		},
		{
			Name:    "fails",
			Event:   "api.ExecutionEvent",
			Accepts: func(api.ExecutionEvent) bool { return true },
			Bind: func([]byte) (registry.Func, error) {
				return func(_ context.Context, e api.ExecutionEvent) error {
					e.AddEnrichment(api.MarkdownBlock("before failing"))
					return fmt.Errorf("boom")
				}, nil
			},
		},
	},
}

// server is a Handler with a real engine writing to two file sinks, main
// (default) and extra (reachable by name only), and a fake clientset.
type server struct {
	http  *httptest.Server
	eng   *engine.Engine
	pool  *engine.Pool
	logs  *lockedWriter // the handler's JSON log lines
	reg   *prometheus.Registry
	kube  *fake.Clientset
	main  string
	extra string
	close sync.Once
}

const values = `globalConfig:
  cluster_name: test
sinksConfig:
- file_sink:
    name: main
    file_name: %q
- file_sink:
    name: extra
    default: false
    file_name: %q
customPlaybooks:
- triggers: [{on_pod_update: {}}]
  actions: [{echo: {message: hi}}, {create_finding: {title: t}}]
`

// token is the bearer token of the test servers.
const token = "t0ken"

// extraAllowed are the test actions allowed besides the config's, as
// --trigger-allow-actions lists them; pod_bash_enricher, compiled in,
// stays out.
var extraAllowed = []string{"pod_name", "fails", "alert_only", "resource_babysitter"}

func newServer(t *testing.T, token string, objects ...runtime.Object) *server {
	t.Helper()
	dir := t.TempDir()
	s := &server{main: filepath.Join(dir, "main.jsonl"), extra: filepath.Join(dir, "extra.jsonl")}
	set, err := registry.NewSet(playbooks.Actions, testActions)
	if err != nil {
		t.Fatal(err)
	}
	cfg, err := config.Load("values.yaml", fmt.Appendf(nil, values, s.main, s.extra), set)
	if err != nil {
		t.Fatal(err)
	}
	if s.eng, err = engine.New(cfg); err != nil {
		t.Fatal(err)
	}
	s.pool = s.eng.Start(context.Background())
	allowed, err := manual.AllowedActions(cfg, extraAllowed, set)
	if err != nil {
		t.Fatal(err)
	}
	s.logs, s.reg = &lockedWriter{}, prometheus.NewRegistry()
	s.kube = fake.NewClientset(objects...)
	h := &manual.Handler{Actions: set, Allowed: allowed, Global: cfg.Global, Client: s.kube, Engine: s.pool, Token: token,
		Logger: slog.New(slog.NewJSONHandler(s.logs, nil)), Metrics: manual.NewMetrics(s.reg)}
	s.http = httptest.NewServer(h)
	t.Cleanup(s.http.Close)
	t.Cleanup(func() {
		s.close.Do(func() { _ = s.pool.Stop(context.Background()); _ = s.eng.Close(context.Background()) })
	})
	return s
}

// answer is a decoded response, without what changes on every run.
type answer struct {
	Status   int
	Findings []finding `json:"findings"`
	Error    string    `json:"error"`
	Errors   []string  `json:"errors"`
}

type finding struct {
	Title          string      `json:"title"`
	Severity       string      `json:"severity"`
	Source         string      `json:"source"`
	AggregationKey string      `json:"aggregation_key"`
	Subject        api.Subject `json:"subject"`
	Actions        []string    `json:"actions"`
	Enrichments    []struct {
		Blocks []map[string]any `json:"blocks"`
	} `json:"enrichments"`
}

// texts is every markdown text of f, in order.
func (f finding) texts() []string {
	var out []string
	for _, e := range f.Enrichments {
		for _, b := range e.Blocks {
			if s, ok := b["text"].(string); ok {
				out = append(out, s)
			}
		}
	}
	return out
}

func (s *server) post(t *testing.T, token, body string) answer {
	t.Helper()
	req, err := http.NewRequest(http.MethodPost, s.http.URL, strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	a := answer{Status: resp.StatusCode}
	if err := json.NewDecoder(resp.Body).Decode(&a); err != nil {
		t.Fatalf("decoding answer (%d): %v", resp.StatusCode, err)
	}
	return a
}

// sent closes the engine, which drains the sinks, and returns the titles
// written to the file sink at path.
func (s *server) sent(t *testing.T, path string) []string {
	t.Helper()
	s.close.Do(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer cancel()
		if err := s.pool.Stop(ctx); err != nil {
			t.Fatal(err)
		}
		if err := s.eng.Close(ctx); err != nil {
			t.Fatal(err)
		}
	})
	data, err := os.ReadFile(path)
	if os.IsNotExist(err) {
		return nil
	}
	if err != nil {
		t.Fatal(err)
	}
	var titles []string
	sc := bufio.NewScanner(bytes.NewReader(data))
	for sc.Scan() {
		var f finding
		if err := json.Unmarshal(sc.Bytes(), &f); err != nil {
			t.Fatal(err)
		}
		titles = append(titles, f.Title)
	}
	return titles
}

// lockedWriter keeps what the handler's goroutines log.
type lockedWriter struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (l *lockedWriter) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.buf.Write(p)
}

func (l *lockedWriter) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.buf.String()
}
