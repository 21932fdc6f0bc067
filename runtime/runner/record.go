package runner

import (
	"context"
	"net/http"
	"time"

	"github.com/robusta-go/robusta/runtime/alerts"
	"github.com/robusta-go/robusta/runtime/api"
	"github.com/robusta-go/robusta/runtime/config"
	"github.com/robusta-go/robusta/runtime/kube"
	"github.com/robusta-go/robusta/runtime/manual"
	"github.com/robusta-go/robusta/runtime/record"
	"github.com/robusta-go/robusta/runtime/schedule"
	"github.com/robusta-go/robusta/runtime/trigger"
)

// recordFlushTimeout bounds the writing of what the recording still holds
// at exit: a slow disk must not keep a stopping runner from exiting.
const recordFlushTimeout = 10 * time.Second

// inputs is where every input enters the engine: the pool itself, or,
// with --record, a record.Intake in front of it.
type inputs interface {
	kube.Submitter
	alerts.Submitter
	schedule.Submitter
	manual.Engine
}

// openRecording starts the --record writer and returns the cluster the
// engine gives actions (recording their reads' answers); without --record
// it returns s.cluster and no writer.
func openRecording(s settings) (api.Cluster, *record.Writer, error) {
	if s.flags.Record == "" {
		return s.cluster, nil, nil
	}
	w, err := record.Create(s.flags.Record, s.logger)
	if err != nil {
		return nil, nil, err
	}
	c, err := record.NewCluster(s.cluster, s.rest, w)
	if err != nil {
		return nil, nil, closeRecording(w, err)
	}
	s.logger.Info("recording inputs", "file", s.flags.Record)
	return c, w, nil
}

// recordInputs puts the intake recorder in front of the pool.
func (p *parts) recordInputs() {
	p.inputs = p.pool
	if p.recording == nil {
		return
	}
	p.inputs = &record.Intake{Pool: p.pool, W: p.recording, Logger: p.logger, Playbooks: scheduledNames(p.cfg)}
}

// manualBodies lets the recorder see the manual trigger's request bodies.
func (p *parts) manualBodies(h http.Handler) http.Handler {
	if p.recording == nil {
		return h
	}
	return record.ManualBodies(h)
}

// scheduledNames names the scheduled playbooks in engine.Schedules' order:
// config order.
func scheduledNames(cfg *config.Config) []string {
	var names []string
	for _, pb := range cfg.Playbooks {
		for _, t := range pb.Triggers {
			if t.Spec.Class == trigger.Schedule {
				names = append(names, pb.Name)
				break
			}
		}
	}
	return names
}

// closeRecording closes w, last, after the drain, so that the inputs and
// reads of the last actions are in the file; it joins its error to err.
func closeRecording(w *record.Writer, err error) error {
	if w == nil {
		return err
	}
	if cerr := within(recordFlushTimeout, func(ctx context.Context) error { return w.Close(ctx) }); cerr != nil && err == nil {
		return cerr
	}
	return err
}
