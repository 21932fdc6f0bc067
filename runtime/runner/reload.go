package runner

import (
	"context"
	"crypto/sha256"
	"fmt"
	"os"
	"reflect"

	"github.com/robusta-go/robusta/runtime/config"
	"github.com/robusta-go/robusta/runtime/engine"
	"github.com/robusta-go/robusta/runtime/manual"
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
	srcs, added, err := p.sourcesFor(next, cfg.CustomResources)
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
	for _, src := range srcs {
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
