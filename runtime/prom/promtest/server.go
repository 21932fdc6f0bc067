// Package promtest is an HTTP server speaking Prometheus' query API
// (/api/v1/query, /api/v1/query_range, /api/v1/rules) with the response
// shapes its documentation gives, answering from canned results: for
// end-to-end tests of the runner's Prometheus client and the actions
// behind it without a Prometheus.
package promtest

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strconv"
	"sync"
	"testing"
	"time"

	"github.com/robusta-go/robusta/runtime/api"
)

// Server is a fake Prometheus.
type Server struct {
	*httptest.Server

	mu       sync.Mutex
	instant  map[string][]api.Sample
	ranges   map[string][]api.Series
	rules    []api.Rule
	requests []*http.Request
}

// New starts a server, closed when the test ends.
func New(t testing.TB) *Server {
	s := &Server{instant: map[string][]api.Sample{}, ranges: map[string][]api.Series{}}
	s.Server = httptest.NewServer(http.HandlerFunc(s.serve))
	t.Cleanup(s.Close)
	return s
}

// Instant sets the answer to an instant query.
func (s *Server) Instant(query string, samples ...api.Sample) *Server {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.instant[query] = samples
	return s
}

// Range sets the answer to a range query.
func (s *Server) Range(query string, series ...api.Series) *Server {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.ranges[query] = series
	return s
}

// Rules sets the rules /api/v1/rules lists, one group per rule's Group.
func (s *Server) Rules(rules ...api.Rule) *Server {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.rules = rules
	return s
}

// Requests returns the requests served (form parsed), in order.
func (s *Server) Requests() []*http.Request {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]*http.Request(nil), s.requests...)
}

func (s *Server) serve(w http.ResponseWriter, r *http.Request) {
	if err := r.ParseForm(); err != nil {
		fail(w, http.StatusBadRequest, "bad_data", err.Error())
		return
	}
	s.mu.Lock()
	s.requests = append(s.requests, r)
	s.mu.Unlock()
	q := r.Form.Get("query")
	switch r.URL.Path {
	case "/api/v1/query":
		s.mu.Lock()
		samples, ok := s.instant[q]
		s.mu.Unlock()
		if !ok {
			fail(w, http.StatusBadRequest, "bad_data", fmt.Sprintf("promtest: no answer to %q", q))
			return
		}
		result := make([]any, 0, len(samples))
		for _, smp := range samples {
			result = append(result, map[string]any{"metric": smp.Labels, "value": pair(smp.Time, smp.Value)})
		}
		ok200(w, map[string]any{"resultType": "vector", "result": result})
	case "/api/v1/query_range":
		s.mu.Lock()
		series, ok := s.ranges[q]
		s.mu.Unlock()
		if !ok {
			fail(w, http.StatusBadRequest, "bad_data", fmt.Sprintf("promtest: no answer to %q", q))
			return
		}
		result := make([]any, 0, len(series))
		for _, ser := range series {
			values := make([]any, 0, len(ser.Points))
			for _, p := range ser.Points {
				values = append(values, pair(p.Time, p.Value))
			}
			result = append(result, map[string]any{"metric": ser.Labels, "values": values})
		}
		ok200(w, map[string]any{"resultType": "matrix", "result": result})
	case "/api/v1/rules":
		s.mu.Lock()
		groups := groupRules(s.rules)
		s.mu.Unlock()
		ok200(w, map[string]any{"groups": groups})
	default:
		fail(w, http.StatusNotFound, "not_found", "promtest: no endpoint "+r.URL.Path)
	}
}

func groupRules(rules []api.Rule) []any {
	var order []string
	byGroup := map[string][]any{}
	for _, r := range rules {
		if _, ok := byGroup[r.Group]; !ok {
			order = append(order, r.Group)
		}
		m := map[string]any{"name": r.Name, "query": r.Query, "labels": r.Labels, "health": "ok", "type": r.Type}
		if r.Type == "alerting" {
			m["duration"] = r.For.Seconds()
			m["annotations"] = r.Annotations
			m["alerts"] = []any{}
		}
		byGroup[r.Group] = append(byGroup[r.Group], m)
	}
	out := make([]any, 0, len(order))
	for _, g := range order {
		out = append(out, map[string]any{"name": g, "file": "/etc/prometheus/rules.yaml", "interval": 60, "rules": byGroup[g]})
	}
	return out
}

// pair is a sample as the API writes it: [unix seconds, "value"].
func pair(t time.Time, v float64) []any {
	return []any{float64(t.UnixMilli()) / 1000, strconv.FormatFloat(v, 'f', -1, 64)}
}

func ok200(w http.ResponseWriter, data any) {
	w.Header().Set("Content-Type", "application/json")
	_ = json.NewEncoder(w).Encode(map[string]any{"status": "success", "data": data})
}

func fail(w http.ResponseWriter, code int, typ, msg string) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(code)
	_ = json.NewEncoder(w).Encode(map[string]any{"status": "error", "errorType": typ, "error": msg})
}
