package apitest_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/robusta-go/robusta/runtime/api"
	"github.com/robusta-go/robusta/runtime/api/apitest"
)

// An action's query gets its answer with the connection's additional
// labels added as the runner's client adds them; an unset query is an
// error naming the ones that are set.
func TestPrometheusAnswers(t *testing.T) {
	prom := apitest.NewPrometheus().WithRange(`up{job="api", cluster="prod"}`, api.Series{Labels: map[string]string{"job": "api"}})
	ev := prom.On(&api.PrometheusAlertEvent{Alert: api.Alert{Name: "X"}})
	p, err := api.PrometheusFor(ev, api.PrometheusParams{PrometheusAdditionalLabels: map[string]string{"cluster": "prod"}})
	if err != nil || p == nil {
		t.Fatalf("PrometheusFor = %v, %v", p, err)
	}
	r := api.Range{Start: time.Unix(0, 0), End: time.Unix(3600, 0), Step: time.Minute}
	if s, err := p.QueryRange(context.Background(), `up{job="api"}`, r); err != nil || len(s) != 1 {
		t.Errorf("QueryRange = %v, %v", s, err)
	}
	_, err = p.Query(context.Background(), "nope", time.Time{})
	if err == nil || !strings.Contains(err.Error(), `"nope"`) || !strings.Contains(err.Error(), "WithQuery") {
		t.Errorf("an unset query: %v", err)
	}
	if c := prom.Calls(); len(c) != 2 || c[0].Query != `up{job="api", cluster="prod"}` || c[0].Range != r {
		t.Errorf("calls %+v", c)
	}
}
