package replay

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"sync"
	"time"

	"github.com/robusta-go/robusta/runtime/api"
	"github.com/robusta-go/robusta/runtime/config"
	"github.com/robusta-go/robusta/runtime/engine"
	"github.com/robusta-go/robusta/runtime/manual"
	"github.com/robusta-go/robusta/runtime/record"
	"github.com/robusta-go/robusta/runtime/registry"
	"github.com/robusta-go/robusta/runtime/sink"
)

// Result is what a replay produced.
type Result struct {
	// Deliveries are the findings each sink received, in the order each
	// sink received them, sinks in config order.
	Deliveries []Delivery
	// Inputs counts the inputs run.
	Inputs int
	// Writes are the writes actions tried, each refused.
	Writes []string
	// Notes say where the replay cannot be the run it replays: records the
	// writer dropped, manual runs refused, schedules that no longer exist.
	Notes []string
}

// Delivery is one finding as one sink received it.
type Delivery struct {
	Sink    string
	Finding *api.Finding
}

// Run replays recs with the playbooks and sinks of cfg (loaded against
// actions). cfg's sinks are replaced by collectors; cfg is changed.
func Run(ctx context.Context, cfg *config.Config, actions *registry.Set, recs []record.Record, logger *slog.Logger) (*Result, error) {
	res := &Result{}
	col := &collector{by: map[string][]*api.Finding{}}
	var order []string
	for i := range cfg.Sinks {
		s := &cfg.Sinks[i]
		t := *s.Type
		name := s.Common.Name
		order = append(order, name)
		t.New = func([]byte, sink.Global) (sink.Sink, error) { return col.sink(name), nil }
		s.Type = &t
	}
	cluster := newCluster(recs)
	clock := &clock{}
	eng, err := engine.New(cfg, engine.WithLogger(logger), engine.WithCluster(cluster), engine.WithClock(clock.now), engine.WithWorkers(1))
	if err != nil {
		return nil, err
	}
	d := eng.NewDispatcher(ctx)
	pool := eng.Start(ctx)
	h := &manual.Handler{Actions: actions, Allowed: actions.Names(), Global: cfg.Global, Client: cluster.Kubernetes(), Engine: pool, Token: token, Logger: logger}
	var errs []error
	for i := range recs {
		r := &recs[i]
		if err := ctx.Err(); err != nil {
			errs = append(errs, err)
			break
		}
		clock.set(r.Time)
		ok, err := run(ctx, d, eng, h, cluster, r, res, cfg.Alerts.SeverityMap)
		if err != nil {
			errs = append(errs, fmt.Errorf("record %d (%s at %s): %w", i+1, r.Type, r.Time.Format(time.RFC3339), err))
		}
		if ok {
			res.Inputs++
		}
	}
	d.Close()
	errs = append(errs, pool.Stop(context.WithoutCancel(ctx)), eng.Close(context.WithoutCancel(ctx)))
	for _, name := range order {
		for _, f := range col.by[name] {
			res.Deliveries = append(res.Deliveries, Delivery{Sink: name, Finding: f})
		}
	}
	res.Writes = cluster.Writes()
	return res, errors.Join(errs...)
}

// token is the manual handler's: the replay's own requests carry it.
const token = "replay"

// run runs one record; ok reports an input.
func run(ctx context.Context, d *engine.Dispatcher, eng *engine.Engine, h *manual.Handler, c *Cluster, r *record.Record, res *Result, severities map[string]api.Severity) (ok bool, err error) {
	switch r.Type {
	case record.TypeChange:
		obj, err := record.DecodeObject(r.Change.Obj)
		if err != nil {
			return false, err
		}
		old, err := record.DecodeObject(r.Change.Old)
		if err != nil {
			return false, err
		}
		c.seed(obj, r.Change.Operation == api.OperationDelete)
		d.Change(ctx, &engine.Change{Kind: r.Change.Kind, Operation: r.Change.Operation, Obj: obj, Old: old})
	case record.TypeAlert:
		ev, err := alertEvent(r.Alert, severities)
		if err != nil {
			return false, err
		}
		for _, o := range record.AlertObjects(ev) {
			c.seed(o, false)
		}
		d.Alert(ctx, ev)
	case record.TypeSchedule:
		s := r.Schedule
		if s.Index < 0 || s.Index >= len(eng.Schedules()) {
			res.Notes = append(res.Notes, fmt.Sprintf("%s: a tick of scheduled playbook %d (%s), which the config no longer has", r.Time.Format(time.RFC3339), s.Index, s.Playbook))
			return false, nil
		}
		d.Schedule(ctx, s.Index, &api.ScheduledEvent{Recurrence: s.Recurrence})
	case record.TypeManual:
		obj, err := record.DecodeObject(r.Manual.Object)
		if err != nil {
			return false, err
		}
		c.seed(obj, false)
		req := httptest.NewRequestWithContext(ctx, http.MethodPost, "/api/trigger", bytes.NewReader(r.Manual.Request))
		req.Header.Set("Authorization", "Bearer "+token)
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		if rec.Code != http.StatusOK {
			res.Notes = append(res.Notes, fmt.Sprintf("%s: manual run %s answered %d: %s", r.Time.Format(time.RFC3339), r.Manual.Request, rec.Code, bytes.TrimSpace(rec.Body.Bytes())))
		}
	case record.TypeGap:
		res.Notes = append(res.Notes, fmt.Sprintf("%s: the recording dropped %d records here (the runner's disk was slow or full)", r.Time.Format(time.RFC3339), r.Gap.Dropped))
		return false, nil
	default: // answers, read up front by newCluster
		return false, nil
	}
	return true, nil
}

// clock is the engine's clock: the time of the input running.
type clock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *clock) set(t time.Time) { c.mu.Lock(); c.t = t; c.mu.Unlock() }

func (c *clock) now() time.Time { c.mu.Lock(); defer c.mu.Unlock(); return c.t }
