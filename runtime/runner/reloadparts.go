package runner

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"slices"

	"github.com/robusta-go/robusta/runtime/api"
	"github.com/robusta-go/robusta/runtime/config"
	"github.com/robusta-go/robusta/runtime/engine"
	"github.com/robusta-go/robusta/runtime/kinds"
	"github.com/robusta-go/robusta/runtime/kube"
	"github.com/robusta-go/robusta/runtime/record"
	"github.com/robusta-go/robusta/runtime/schedule"
)

// The parts of a run a reload replaces, built before the swap so that
// whatever fails refuses the config with nothing changed yet.

// nextScheduler returns, when intake runs and cfg's scheduled playbooks
// differ from the running ones, a scheduler for cfg to start in place of
// the running one (restart true). Built before the swap, so that a
// schedule it refuses refuses the config.
func (p *parts) nextScheduler(cfg *config.Config) (*schedule.Scheduler, bool, error) {
	if p.sched == nil {
		return nil, false, nil // not leading: startIntake schedules p.cfg
	}
	jobs, err := schedule.JobsFor(cfg.Playbooks)
	if err != nil {
		return nil, false, fmt.Errorf("scheduling: %w", err)
	}
	running, err := schedule.JobsFor(p.cfg.Playbooks)
	if err != nil {
		return nil, false, fmt.Errorf("scheduling: %w", err)
	}
	if slices.EqualFunc(jobs, running, func(a, b schedule.Job) bool {
		return a.ID == b.ID && a.Index == b.Index && a.Playbook == b.Playbook
	}) {
		return nil, false, nil // the running scheduler's indexes hold for cfg
	}
	store := &schedule.ConfigMapStore{Client: p.cluster.Kubernetes(), Namespace: p.namespace}
	s, err := schedule.New(jobs, p.scheduleInputs(cfg), store, schedule.WithLogger(p.logger))
	if err != nil {
		return nil, false, fmt.Errorf("scheduling: %w", err)
	}
	return s, true, nil
}

// scheduleInputs is where cfg's scheduler submits: with --record, an
// intake that names cfg's scheduled playbooks by their indexes.
func (p *parts) scheduleInputs(cfg *config.Config) schedule.Submitter {
	if p.recording == nil {
		return p.inputs
	}
	return &record.Intake{Pool: p.pool, W: p.recording, Logger: p.logger, Playbooks: scheduledNames(cfg)}
}

// informers are what a reload starts for what it adds: a kube.Source for
// built-in kinds, a kube.DynamicSource for custom resources.
type informers interface {
	Start(context.Context)
	Shutdown()
}

// sourcesFor returns, when intake runs, informers for the kinds and the
// custom resources (crs) eng needs that nothing watches yet, not started,
// and their names. Something no longer needed keeps its informer: its
// changes find no playbook, and a later reload may want it again. A custom
// resource the API server does not serve refuses the reload, as it
// refuses the start.
func (p *parts) sourcesFor(eng *engine.Engine, crs []kinds.Custom) ([]informers, []string, error) {
	if p.rl.intake == nil {
		return nil, nil, nil // startIntake watches what p.eng needs
	}
	var add []kinds.Kind
	var names []string
	for _, k := range watchedKinds(eng) {
		if !p.rl.watched[k.Name] {
			add, names = append(add, k), append(names, k.Name)
		}
	}
	var addCustom []kinds.Custom
	for _, c := range watchedCustom(eng, crs) {
		if !p.rl.watched[c.Key()] {
			addCustom, names = append(addCustom, c), append(names, c.Key())
		}
	}
	var out []informers
	if len(add) > 0 {
		src, err := kube.NewSource(p.cluster.Kubernetes(), add, p.inputs, kube.WithSourceLogger(p.logger), kube.WithReceived(p.rl.received), kube.WithDropped(p.rl.dropped))
		if err != nil {
			return nil, nil, fmt.Errorf("watching %v: %w", names, err)
		}
		out = append(out, src)
	}
	if len(addCustom) > 0 {
		src, err := dynamicSourceFor(p.settings, addCustom, p.inputs, p.rl.received)
		if err != nil {
			return nil, nil, err
		}
		out = append(out, src)
	}
	for _, n := range names {
		p.rl.watched[n] = true
	}
	return out, names, nil
}

// setTrigger builds the manual trigger of the config in force.
func (p *parts) setTrigger() {
	var h http.Handler = triggerHandler(p.triggerToken, p.allowed, p.actions, p.cfg, p.cluster, p.inputs, p.rl.manual, p.logger)
	p.rl.trigger.Store(&h)
}

// wantsAlert asks the engine in force whether a playbook takes a.
func (p *parts) wantsAlert(a *api.Alert) bool { return p.pool.Engine().WantsAlert(a) }

// closeSinks closes the sinks at shutdown, after the drain: those of the
// engine in force, and those that reloads removed, once the engines that
// used them have drained (a drain cut short by --shutdown-grace leaves
// them to ctx).
func (p *parts) closeSinks(ctx context.Context) error {
	err := p.eng.Close(ctx)
	if p.rl == nil {
		return err
	}
	done := make(chan struct{})
	go func() { p.rl.retiring.Wait(); close(done) }()
	select {
	case <-done:
		return err
	case <-ctx.Done():
		return errors.Join(err, fmt.Errorf("closing the sinks reloads removed: %w", ctx.Err()))
	}
}
