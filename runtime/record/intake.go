package record

import (
	"context"
	"errors"
	"log/slog"
	"time"

	"github.com/robusta-go/robusta/runtime/api"
	"github.com/robusta-go/robusta/runtime/engine"
	"github.com/robusta-go/robusta/runtime/registry"
)

// Intake records every input on its way to the engine's pool. It stands
// where the pool stood for the informers (kube.Submitter), the alert
// handler (alerts.Submitter), the scheduler (schedule.Submitter) and the
// manual trigger (manual.Engine): the four doors inputs enter by, so that
// nothing reaches the engine unrecorded and the engine itself is
// unchanged. An input is recorded once the pool took it, with the time it
// arrived: what the pool refused (shutting down) never ran, and a replay
// must not run it either.
type Intake struct {
	*engine.Pool
	W      *Writer
	Logger *slog.Logger
	// Playbooks names the scheduled playbooks by their index.
	Playbooks []string
}

// SubmitChange implements kube.Submitter.
func (in *Intake) SubmitChange(ctx context.Context, c engine.Change) error {
	now := time.Now().UTC()
	obj, err1 := in.W.red.EncodeObject(c.Obj)
	old, err2 := in.W.red.EncodeObject(c.Old)
	if err := in.Pool.SubmitChange(ctx, c); err != nil {
		return err
	}
	if err1 != nil || err2 != nil {
		in.unrecorded(TypeChange, err1, err2)
		return nil
	}
	in.W.Write(Record{Type: TypeChange, Time: now, Change: &Change{Kind: c.Kind, Operation: c.Operation, Obj: obj, Old: old}})
	return nil
}

// SubmitAlert implements alerts.Submitter.
func (in *Intake) SubmitAlert(ctx context.Context, ev *api.PrometheusAlertEvent) error {
	now := time.Now().UTC()
	rec := &Alert{Alert: ev.Alert}
	var errs []error
	for _, o := range AlertObjects(ev) {
		raw, err := in.W.red.EncodeObject(o)
		errs = append(errs, err)
		rec.Objects = append(rec.Objects, raw)
	}
	if err := in.Pool.SubmitAlert(ctx, ev); err != nil {
		return err
	}
	if in.unrecorded(TypeAlert, errs...) {
		return nil
	}
	in.W.Write(Record{Type: TypeAlert, Time: now, Alert: rec})
	return nil
}

// AlertObjects are the objects the runner resolved for an alert.
func AlertObjects(ev *api.PrometheusAlertEvent) []api.Object {
	var out []api.Object
	add := func(o api.Object, isNil bool) {
		if !isNil {
			out = append(out, o)
		}
	}
	add(ev.Pod, ev.Pod == nil)
	add(ev.Node, ev.Node == nil)
	add(ev.Deployment, ev.Deployment == nil)
	add(ev.Job, ev.Job == nil)
	add(ev.DaemonSet, ev.DaemonSet == nil)
	add(ev.StatefulSet, ev.StatefulSet == nil)
	add(ev.HorizontalPodAutoscaler, ev.HorizontalPodAutoscaler == nil)
	return out
}

// SubmitSchedule implements schedule.Submitter.
func (in *Intake) SubmitSchedule(ctx context.Context, index int, ev *api.ScheduledEvent) error {
	now := time.Now().UTC()
	if err := in.Pool.SubmitSchedule(ctx, index, ev); err != nil {
		return err
	}
	s := &Schedule{Index: index, Recurrence: ev.Recurrence}
	if index >= 0 && index < len(in.Playbooks) {
		s.Playbook = in.Playbooks[index]
	}
	in.W.Write(Record{Type: TypeSchedule, Time: now, Schedule: s})
	return nil
}

// RunAction implements manual.Engine. The request's body comes from the
// context (ManualBodies put it there); the object is the event's.
func (in *Intake) RunAction(ctx context.Context, name string, fn registry.Func, ev api.ExecutionEvent, sinks []string, def *api.Finding) ([]*api.Finding, error) {
	now := time.Now().UTC()
	body := bodyFrom(ctx)
	var obj api.Object
	if re, ok := ev.(api.KubernetesResourceEvent); ok {
		obj = re.GetResource()
	}
	raw, err := in.W.red.EncodeObject(obj)
	if body == nil && err == nil {
		err = errors.New("the request's body was not kept (no record.ManualBodies in front of the handler)")
	}
	if err != nil {
		in.unrecorded(TypeManual, err)
	} else {
		// Before the run, which answers only after the action: the
		// run's own reads then follow it in the file.
		in.W.Write(Record{Type: TypeManual, Time: now, Manual: &Manual{Request: body, Object: raw}})
	}
	return in.Pool.RunAction(ctx, name, fn, ev, sinks, def)
}

// unrecorded logs an input that ran but could not be recorded, and
// counts it as a gap; it reports whether there was one.
func (in *Intake) unrecorded(typ string, errs ...error) bool {
	for _, err := range errs {
		if err != nil {
			in.W.drop()
			if in.Logger != nil {
				in.Logger.Error("recording: an input ran but is not recorded", "type", typ, "error", err)
			}
			return true
		}
	}
	return false
}
