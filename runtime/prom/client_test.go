package prom_test

import (
	"context"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/robusta-go/robusta/runtime/api"
	"github.com/robusta-go/robusta/runtime/prom"
	"github.com/robusta-go/robusta/runtime/prom/promtest"
)

// specServer answers each path with the example body of Prometheus' HTTP
// API documentation (docs/querying/api.md), verbatim, so decoding is
// checked against the spec rather than against our own encoder.
func specServer(t *testing.T, bodies map[string]string) *httptest.Server {
	s := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, ok := bodies[r.URL.Path]
		if !ok {
			http.NotFound(w, r)
			return
		}
		w.Header().Set("Content-Type", "application/json")
		_, _ = w.Write([]byte(body))
	}))
	t.Cleanup(s.Close)
	return s
}

const specMatrix = `{"status":"success","data":{"resultType":"matrix","result":[
{"metric":{"__name__":"up","job":"prometheus","instance":"localhost:9090"},"values":[[1435781430.781,"1"],[1435781445.781,"1"],[1435781460.781,"1"]]},
{"metric":{"__name__":"up","job":"node","instance":"localhost:9091"},"values":[[1435781430.781,"0"],[1435781445.781,"0"],[1435781460.781,"1"]]}]}}`

const specVector = `{"status":"success","data":{"resultType":"vector","result":[
{"metric":{"__name__":"up","job":"prometheus","instance":"localhost:9090"},"value":[1435781451.781,"1"]},
{"metric":{"__name__":"up","job":"node","instance":"localhost:9100"},"value":[1435781451.781,"0"]}]}}`

const specRules = `{"data":{"groups":[{"rules":[{"alerts":[{"activeAt":"2018-07-04T20:27:12.60602144+02:00","annotations":{"summary":"High request latency"},"labels":{"alertname":"HighRequestLatency","severity":"page"},"state":"firing","value":"1e+00"}],
"annotations":{"summary":"High request latency"},"duration":600,"health":"ok","labels":{"severity":"page"},"name":"HighRequestLatency","query":"job:request_latency_seconds:mean5m{job=\"myjob\"} > 0.5","type":"alerting"},
{"health":"ok","name":"job:http_inprogress_requests:sum","query":"sum by (job) (http_inprogress_requests)","type":"recording"}],"file":"/rules.yaml","interval":60,"limit":0,"name":"example"}]},"status":"success"}`

func TestClientDecodesTheSpecsResponses(t *testing.T) {
	s := specServer(t, map[string]string{"/api/v1/query_range": specMatrix, "/api/v1/query": specVector, "/api/v1/rules": specRules})
	c, err := prom.New(api.PrometheusParams{PrometheusURL: s.URL}, nil)
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	at := func(sec float64) time.Time { return time.UnixMilli(int64(sec * 1000)).UTC() }

	series, err := c.QueryRange(ctx, "up", api.Range{Start: at(1435781430), End: at(1435781460), Step: 15 * time.Second})
	if err != nil {
		t.Fatal(err)
	}
	if len(series) != 2 || series[1].Labels["job"] != "node" || len(series[1].Points) != 3 ||
		series[1].Points[2] != (api.Point{Time: at(1435781460.781), Value: 1}) {
		t.Errorf("range result: %+v", series)
	}

	samples, err := c.Query(ctx, "up", at(1435781451))
	if err != nil {
		t.Fatal(err)
	}
	want := []api.Sample{
		{Labels: map[string]string{"__name__": "up", "job": "prometheus", "instance": "localhost:9090"}, Time: at(1435781451.781), Value: 1},
		{Labels: map[string]string{"__name__": "up", "job": "node", "instance": "localhost:9100"}, Time: at(1435781451.781), Value: 0},
	}
	if d := cmp.Diff(want, samples); d != "" {
		t.Errorf("instant result (-want +got):\n%s", d)
	}

	rules, err := c.Rules(ctx)
	if err != nil {
		t.Fatal(err)
	}
	wantRules := []api.Rule{
		{Type: "alerting", Group: "example", Name: "HighRequestLatency", Query: `job:request_latency_seconds:mean5m{job="myjob"} > 0.5`, For: 10 * time.Minute,
			Labels: map[string]string{"severity": "page"}, Annotations: map[string]string{"summary": "High request latency"}},
		{Type: "recording", Group: "example", Name: "job:http_inprogress_requests:sum", Query: "sum by (job) (http_inprogress_requests)", Labels: map[string]string{}},
	}
	if d := cmp.Diff(wantRules, rules); d != "" {
		t.Errorf("rules (-want +got):\n%s", d)
	}
}

func TestClientSendsAuthHeadersQueryStringAndLabels(t *testing.T) {
	s := promtest.New(t).Range(`rate(x{pod="a", cluster="prod"}[5m])`, api.Series{Labels: map[string]string{"pod": "a"}})
	c, err := prom.New(api.PrometheusParams{
		PrometheusURL:               strings.TrimPrefix(s.URL, "http://"), // no scheme: http:// is added
		PrometheusAuth:              "Bearer s3cret",
		PrometheusAdditionalHeaders: map[string]string{"X-Scope-OrgID": "team-a"},
		PrometheusURLQueryString:    "?tenant=a&region=eu",
		PrometheusAdditionalLabels:  map[string]string{"cluster": "prod"},
	}, nil)
	if err != nil {
		t.Fatal(err)
	}
	now := time.Now()
	if _, err := c.QueryRange(context.Background(), `rate(x{pod="a"}[5m])`, api.Range{Start: now.Add(-time.Hour), End: now, Step: time.Minute}); err != nil {
		t.Fatal(err)
	}
	reqs := s.Requests()
	if len(reqs) != 1 {
		t.Fatalf("%d requests, want 1", len(reqs))
	}
	r := reqs[0]
	for h, want := range map[string]string{"Authorization": "Bearer s3cret", "X-Scope-Orgid": "team-a"} {
		if got := r.Header.Get(h); got != want {
			t.Errorf("header %s = %q, want %q", h, got, want)
		}
	}
	if q := r.URL.Query(); q.Get("tenant") != "a" || q.Get("region") != "eu" {
		t.Errorf("URL query %q lacks prometheus_url_query_string", r.URL.RawQuery)
	}
}

func TestClientErrors(t *testing.T) {
	s := promtest.New(t)
	c, err := prom.New(api.PrometheusParams{PrometheusURL: s.URL}, nil)
	if err != nil {
		t.Fatal(err)
	}
	_, err = c.Query(context.Background(), "nope", time.Time{})
	if err == nil || !strings.Contains(err.Error(), `prometheus query "nope"`) || !strings.Contains(err.Error(), "no answer") {
		t.Errorf("error %v: want the query and the server's message", err)
	}
	for _, bad := range []string{"", "ftp://x", "http://"} {
		if _, err := prom.New(api.PrometheusParams{PrometheusURL: bad}, nil); err == nil {
			t.Errorf("prometheus_url %q: no error", bad)
		}
	}
}
