package runner

import (
	"context"
	"crypto/sha256"
	"errors"
	"fmt"
	"net/http"
	"os"
	"reflect"
	"slices"

	"github.com/robusta-go/robusta/runtime/api"

	"github.com/robusta-go/robusta/runtime/config"
	"github.com/robusta-go/robusta/runtime/engine"
	"github.com/robusta-go/robusta/runtime/kinds"
	"github.com/robusta-go/robusta/runtime/kube"
	"github.com/robusta-go/robusta/runtime/manual"
	"github.com/robusta-go/robusta/runtime/record"
	"github.com/robusta-go/robusta/runtime/schedule"
)

// reload reads the config file and, if it is valid, puts it in force
// between two inputs (engine.Pool.Swap): every input runs exactly once,
// with the config in force when it was submitted. Unchanged sinks, the
// rate limits and, when the scheduled playbooks are the same, the
// scheduler carry over; otherwise the scheduler restarts and each
// remaining schedule continues from its stored state. Kinds the new config
// needs get informers of their own. An invalid config is refused, logged
// with its positions and counted, and the running one stays. It runs on
// wait's goroutine, so it never races the start of intake.
//
// force reloads even bytes already tried (SIGHUP: the environment the
// config substitutes may have changed); a file event reloads only new
// bytes, which is the debounce.
func (p *parts) reload(cause string, force bool) {
	path := p.flags.Config
	data, err := os.ReadFile(path)
	if err != nil {
		p.refuse(cause, fmt.Errorf("reading config: %w", err))
		return
	}
	h := sha256.Sum256(data)
	if !force && h == p.rl.last {
		return
	}
	p.rl.last = h
	cfg, err := config.Load(path, data, p.actions, config.WithLogger(p.logger))
	if err != nil {
		p.refuse(cause, err)
		return
	}
	allowed, err := manual.AllowedActions(cfg, p.flags.TriggerActions, p.actions)
	if err != nil {
		p.refuse(cause, err)
		return
	}
	promOpt, err := prometheusOption(settings{cfg: cfg, logger: p.logger})
	if err != nil {
		p.refuse(cause, err)
		return
	}
	sched, restart, err := p.nextScheduler(cfg)
	if err != nil {
		p.refuse(cause, err)
		return
	}
	next, err := p.eng.Reload(cfg, promOpt)
	if err != nil {
		p.refuse(cause, err)
		return
	}
	src, added, err := p.sourceFor(next)
	if err != nil {
		p.refuse(cause, err)
		p.discard(next)
		return
	}

	// Past here nothing fails: the new config is in force.
	if restart {
		p.sched.Stop() // its ticks in flight are queued on the old engine
	}
	old, oldCfg := p.eng, p.cfg
	drained := p.pool.Swap(next)
	p.eng, p.cfg, p.allowed = next, cfg, allowed
	p.setTrigger()
	if restart {
		p.sched = sched
		if err := sched.Start(p.rl.intake); err != nil {
			p.logger.Error("config reloaded, but its schedules did not start", "error", err.Error())
		}
	}
	if src != nil {
		src.Start(p.rl.intake)
		p.rl.extra = append(p.rl.extra, src)
	}
	p.rl.retiring.Go(func() {
		<-drained // no input runs on old any more: its removed sinks are idle
		if err := within(p.flags.FlushGrace, func(ctx context.Context) error { return engine.Retire(ctx, old, next) }); err != nil {
			p.logger.Error("after a reload", "error", err.Error())
		}
	})
	p.rl.total.WithLabelValues("success").Inc()
	p.logger.Info("config reloaded", "cause", cause, "file", path, "playbooks", len(cfg.Playbooks), "sinks", len(cfg.Sinks),
		"sinks_reopened", next.Reopened(), "kinds_added", added, "schedules_restarted", restart)
	if !reflect.DeepEqual(oldCfg.Alerts, cfg.Alerts) {
		// The alert handler holds them beside its dedup cache, which a new
		// handler would lose: Alertmanager's next resend of every firing
		// alert would run its playbooks again.
		p.logger.Warn("alertRelabel and custom_severity_map changed: they take effect when the runner restarts", "file", path)
	}
}

// refuse logs and counts a config that cannot be put in force.
func (p *parts) refuse(cause string, err error) {
	p.rl.total.WithLabelValues("failure").Inc()
	p.logger.Error("config reload refused: the running config stays", "cause", cause, "file", p.flags.Config, "error", err.Error())
}

// discard closes the sinks next opened, for a reload given up after it.
func (p *parts) discard(next *engine.Engine) {
	if err := within(p.flags.FlushGrace, func(ctx context.Context) error { return engine.Retire(ctx, next, p.eng) }); err != nil {
		p.logger.Error("closing the sinks of a refused config", "error", err.Error())
	}
}

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

// sourceFor returns, when intake runs, informers for the kinds eng needs
// that no Source watches yet (nil if none), not started. A kind no longer
// needed keeps its informer: its changes find no playbook, and a later
// reload may want it again.
func (p *parts) sourceFor(eng *engine.Engine) (*kube.Source, []string, error) {
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
	if len(add) == 0 {
		return nil, nil, nil
	}
	src, err := kube.NewSource(p.cluster.Kubernetes(), add, p.inputs, kube.WithSourceLogger(p.logger), kube.WithReceived(p.rl.received))
	if err != nil {
		return nil, nil, fmt.Errorf("watching %v: %w", names, err)
	}
	for _, n := range names {
		p.rl.watched[n] = true
	}
	return src, names, nil
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
