package apitest

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/robusta-go/robusta/runtime/api"
	"github.com/robusta-go/robusta/runtime/prom"
)

// Prometheus gives an action canned Prometheus answers, keyed by the exact
// query text the server would get: the action's, with
// prometheus_additional_labels added as the runner's client adds them
// (prom.AddLabels). A query the test did not set up fails with an error listing the
// ones it did, so a typo in a query is a readable failure, not an empty
// graph. Give it to the event before Run:
//
//	prom := apitest.NewPrometheus().WithRange(`up{job="api"}`, series)
//	prom.On(ev)
//	res := apitest.Run(t, mypb.Actions, "my_graph", ``, ev, cluster)
//
// An event without one behaves as a runner without prometheus_url:
// api.PrometheusFor adds the "not configured" block.
type Prometheus struct {
	mu      sync.Mutex
	instant map[string][]api.Sample
	ranges  map[string][]api.Series
	errs    map[string]error
	rules   []api.Rule
	calls   []PrometheusCall
	params  []api.PrometheusParams
}

// PrometheusCall is one query an action made.
type PrometheusCall struct {
	// Kind is "query", "query_range" or "rules".
	Kind  string
	Query string
	At    time.Time // query
	Range api.Range // query_range
}

var (
	_ api.Prometheus          = (*Prometheus)(nil)
	_ api.PrometheusConnector = (*Prometheus)(nil)
)

// NewPrometheus returns a Prometheus with no answers.
func NewPrometheus() *Prometheus {
	return &Prometheus{instant: map[string][]api.Sample{}, ranges: map[string][]api.Series{}, errs: map[string]error{}}
}

// WithQuery sets the answer to an instant query.
func (p *Prometheus) WithQuery(query string, samples ...api.Sample) *Prometheus {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.instant[query] = samples
	return p
}

// WithRange sets the answer to a range query, whatever its window.
func (p *Prometheus) WithRange(query string, series ...api.Series) *Prometheus {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.ranges[query] = series
	return p
}

// WithRules sets what Rules returns.
func (p *Prometheus) WithRules(rules ...api.Rule) *Prometheus {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.rules = rules
	return p
}

// WithError makes a query (instant or range) fail with err.
func (p *Prometheus) WithError(query string, err error) *Prometheus {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.errs[query] = err
	return p
}

// On makes p the Prometheus of ev's actions and returns ev.
func (p *Prometheus) On(ev api.ExecutionEvent) api.ExecutionEvent {
	ev.Execution().SetPrometheus(p)
	return ev
}

// Connect implements api.PrometheusConnector: p answers whatever the
// params say; Params records them, for tests of per-action overrides.
func (p *Prometheus) Connect(params api.PrometheusParams) (api.Prometheus, error) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.params = append(p.params, params)
	return labeled{p, params.AdditionalLabels()}, nil
}

// labeled adds the connection's additional labels to queries, as
// prom.Client does.
type labeled struct {
	*Prometheus
	labels map[string]string
}

func (l labeled) Query(ctx context.Context, query string, at time.Time) ([]api.Sample, error) {
	return l.Prometheus.Query(ctx, prom.AddLabels(query, l.labels), at)
}

func (l labeled) QueryRange(ctx context.Context, query string, r api.Range) ([]api.Series, error) {
	return l.Prometheus.QueryRange(ctx, prom.AddLabels(query, l.labels), r)
}

// Params returns the Prometheus params of each Connect, in order.
func (p *Prometheus) Params() []api.PrometheusParams {
	p.mu.Lock()
	defer p.mu.Unlock()
	return slices.Clone(p.params)
}

// Calls returns the queries made, in order.
func (p *Prometheus) Calls() []PrometheusCall {
	p.mu.Lock()
	defer p.mu.Unlock()
	return slices.Clone(p.calls)
}

// Query implements api.Prometheus.
func (p *Prometheus) Query(_ context.Context, query string, at time.Time) ([]api.Sample, error) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.calls = append(p.calls, PrometheusCall{Kind: "query", Query: query, At: at})
	if err := p.errs[query]; err != nil {
		return nil, err
	}
	s, ok := p.instant[query]
	if !ok {
		return nil, fmt.Errorf("apitest: no answer to the query %q: call Prometheus.WithQuery (set: %s)", query, known(p.instant))
	}
	return s, nil
}

// QueryRange implements api.Prometheus.
func (p *Prometheus) QueryRange(_ context.Context, query string, r api.Range) ([]api.Series, error) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.calls = append(p.calls, PrometheusCall{Kind: "query_range", Query: query, Range: r})
	if err := p.errs[query]; err != nil {
		return nil, err
	}
	s, ok := p.ranges[query]
	if !ok {
		return nil, fmt.Errorf("apitest: no answer to the range query %q: call Prometheus.WithRange (set: %s)", query, known(p.ranges))
	}
	return s, nil
}

// Rules implements api.Prometheus.
func (p *Prometheus) Rules(context.Context) ([]api.Rule, error) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.calls = append(p.calls, PrometheusCall{Kind: "rules"})
	return slices.Clone(p.rules), nil
}

func known[V any](m map[string]V) string {
	if len(m) == 0 {
		return "none"
	}
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, fmt.Sprintf("%q", k))
	}
	slices.Sort(keys)
	return strings.Join(keys, ", ")
}
