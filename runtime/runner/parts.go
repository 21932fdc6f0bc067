package runner

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"sync/atomic"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"

	"github.com/robusta-go/robusta/runtime/engine"
	"github.com/robusta-go/robusta/runtime/kube"
	"github.com/robusta-go/robusta/runtime/manual"
	"github.com/robusta-go/robusta/runtime/record"
	"github.com/robusta-go/robusta/runtime/schedule"
)

// errLostLeadership ends Run when another replica took the Lease.
var errLostLeadership = errors.New("lost leadership")

// parts are what a run starts, in start order. Each is nil (or false)
// until started, and shutdown stops exactly those that are not, so that
// every way out of Run, early error or not, drains and closes the same way.
type parts struct {
	settings
	eng    *engine.Engine // opened the sinks
	pool   *engine.Pool
	inputs inputs // pool, or with --record its recorder
	// recording is the --record writer, closed by Run after shutdown.
	recording *record.Writer
	source    *kube.Source // built at once, started with intake
	// dynamic informs on the customResources (dynamic.go); nil without.
	dynamic  *kube.DynamicSource
	election *election // nil without --leader-elect
	rl       *reloader // config reloads (reload.go)

	ln, metricsLn   net.Listener
	srv, metricsSrv *http.Server // set once serving
	serveErr        chan error

	intakeStarted bool
	stopIntake    context.CancelFunc
	sched         *schedule.Scheduler

	leading  atomic.Bool // this replica takes events: always without --leader-elect
	stopping atomic.Bool
}

// start opens the engine and starts what runs before leadership: the
// workers and the HTTP server, and intake too without --leader-elect. On
// error it shuts down what it started and returns the joined errors.
func start(ctx context.Context, s settings) (_ *parts, err error) {
	reg := prometheus.NewRegistry()
	reg.MustRegister(collectors.NewGoCollector(), collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}), buildInfoGauge(s.build))
	cluster, recording, err := openRecording(s)
	if err != nil {
		return nil, err
	}
	promOpt, err := prometheusOption(s)
	if err != nil {
		return nil, closeRecording(recording, err)
	}
	eng, err := engine.New(s.cfg, engine.WithLogger(s.logger), engine.WithCluster(cluster), engine.WithMetrics(engine.NewMetrics(reg)),
		engine.WithWorkers(s.flags.Workers), engine.WithQueueSize(s.flags.QueueSize), engine.WithActionTimeout(s.flags.ActionTimeout), promOpt)
	if err != nil {
		return nil, closeRecording(recording, err) // New closes what it opened
	}
	p := &parts{settings: s, eng: eng, recording: recording}
	defer func() {
		if err != nil {
			err = closeRecording(p.recording, p.shutdown(err))
		}
	}()
	p.pool = eng.Start(ctx)
	p.recordInputs()
	pool := p.pool
	reg.MustRegister(prometheus.NewGaugeFunc(prometheus.GaugeOpts{
		Name: "robusta_queue_depth", Help: "Events waiting for a worker.",
	}, func() float64 { return float64(pool.Depth()) }))
	received, dropped := kube.NewReceivedCounter(), kube.NewDroppedCounter()
	reg.MustRegister(received, dropped)
	p.rl = newReloader(ctx, reg, s.cfgHash)
	p.rl.received, p.rl.dropped = received, dropped
	watched := watchedKinds(eng)
	if p.source, err = kube.NewSource(s.cluster.Kubernetes(), watched, p.inputs, kube.WithSourceLogger(s.logger), kube.WithReceived(received), kube.WithDropped(dropped)); err != nil {
		return nil, err
	}
	if p.dynamic, err = newDynamicSource(s, eng, p.inputs, received); err != nil {
		return nil, err
	}
	for _, k := range watched {
		p.rl.watched[k.Name] = true
	}
	for _, c := range watchedCustom(eng, s.cfg.CustomResources) {
		p.rl.watched[c.Key()] = true
	}
	if s.flags.Election.Enabled {
		if p.election, err = newElection(s.rest, s.namespace, s.flags.Election, s.logger); err != nil {
			return nil, err
		}
	}

	if p.ln, err = net.Listen("tcp", s.flags.Listen); err != nil {
		return nil, fmt.Errorf("listening on --listen: %w", err)
	}
	if p.metricsLn, err = net.Listen("tcp", s.flags.MetricsListen); err != nil {
		return nil, fmt.Errorf("listening on --metrics-listen: %w", err)
	}
	if p.election == nil {
		if err := p.startIntake(ctx); err != nil {
			return nil, err
		}
	}
	p.serve(reg)
	p.logClosed()
	p.rl.watch(s.flags.Config, s.logger)
	s.logger.Info("runner started", "listen", p.ln.Addr().String(), "metrics_listen", p.metricsLn.Addr().String(), "build", s.build, "playbooks", len(s.cfg.Playbooks),
		"sinks", len(s.cfg.Sinks), "kinds", eng.Kinds(), "leader_elect", p.election != nil)
	if p.election != nil {
		s.logger.Info("waiting for leadership", "lease", p.election.lease, "identity", p.election.identity)
		p.election.start()
	}
	return p, nil
}

// serve serves the API on p.ln, only while leading, and the probes and
// metrics on p.metricsLn. Each API endpoint is limited in requests at once.
func (p *parts) serve(reg *prometheus.Registry) {
	h, rejected := p.flags.HTTP, newRejected(reg)
	p.rl.manual = manual.NewMetrics(reg)
	p.setTrigger() // and each reload, behind p.rl
	api := apiHandler(map[string]http.Handler{
		alertsPath: leaderOnly(&p.leading, limited(h.MaxAlerts, http.StatusServiceUnavailable, alertsPath, rejected,
			alertsHandler(p.alertsToken, p.flags.AlertsOpen, p.cluster, p.inputs, p.wantsAlert, p.cfg.Alerts, p.logger))),
		triggerPath: leaderOnly(&p.leading, limited(h.MaxTriggers, http.StatusTooManyRequests, triggerPath, rejected,
			p.manualBodies(p.rl))),
	})
	// A manual run answers after its action: the read, a wait for a
	// worker and the action timeout, with room to write the findings.
	p.srv = newServer(api, h, h.ReadTimeout+p.flags.ActionTimeout+30*time.Second)
	p.metricsSrv = newServer(metricsHandler(reg, p.notReady), h, h.ReadTimeout+30*time.Second)
	p.serveErr = make(chan error, 2)
	go func() { p.serveErr <- p.srv.Serve(p.ln) }()
	go func() { p.serveErr <- p.metricsSrv.Serve(p.metricsLn) }()
}

// logClosed says at start which API endpoints refuse every request, so
// that an operator need not find out from Alertmanager's retries.
func (p *parts) logClosed() {
	if p.triggerToken == "" {
		p.logger.Info("POST /api/trigger is disabled: no --trigger-token-file or $" + manual.TokenEnv)
	}
	switch {
	case p.alertsToken == "" && p.flags.AlertsOpen:
		p.logger.Warn("POST /api/alerts takes no token (--alerts-allow-unauthenticated): anything that reaches the port can inject alerts")
	case p.alertsToken == "":
		p.logger.Warn("POST /api/alerts is disabled: no --alerts-token-file and no --alerts-allow-unauthenticated")
	}
}

// startIntake starts the informers and the scheduler: from here on this
// replica takes events.
func (p *parts) startIntake(ctx context.Context) error {
	intake, stop := context.WithCancel(ctx)
	p.stopIntake = stop
	p.source.Start(intake)
	p.dynamic.Start(intake)
	p.intakeStarted = true
	p.rl.intake = intake
	// A reload while not leading may have added kinds.
	srcs, _, err := p.sourcesFor(p.eng, p.cfg.CustomResources)
	if err != nil {
		return err
	}
	for _, src := range srcs {
		src.Start(intake)
		p.rl.extra = append(p.rl.extra, src)
	}
	sched, err := startScheduler(intake, p.logger, p.cluster.Kubernetes(), p.namespace, p.cfg, len(p.eng.Schedules()), p.scheduleInputs(p.cfg))
	if err != nil {
		return err
	}
	p.sched = sched
	p.leading.Store(true)
	return nil
}

// wait runs until ctx is done (nil) or something ends the run (its error):
// the HTTP server failing, or the Lease lost. It starts intake when this
// replica is elected.
func (p *parts) wait(ctx context.Context) error {
	var elected, lost <-chan struct{}
	if p.election != nil {
		elected, lost = p.election.elected, p.election.done
	}
	for {
		select {
		case <-ctx.Done():
			return nil
		case err := <-p.serveErr:
			return fmt.Errorf("serving HTTP: %w", err)
		case <-p.rl.poke:
			p.reload("config file changed", false)
		case <-p.rl.hup:
			p.reload("SIGHUP", true)
		case <-elected:
			elected = nil
			p.logger.Info("elected leader: starting intake", "lease", p.election.lease, "identity", p.election.identity)
			if err := p.startIntake(ctx); err != nil {
				return err
			}
		case <-lost:
			// The elector only stops by itself when it could not renew:
			// another replica may lead already, so this one must stop
			// taking events now and exit, as controller-runtime does.
			p.leading.Store(false)
			p.logger.Error("lost leadership: stopping", "lease", p.election.lease, "identity", p.election.identity)
			return fmt.Errorf("%w of Lease %s", errLostLeadership, p.election.lease)
		}
	}
}

// notReady says why /readyz is not ready, "" when it is.
func (p *parts) notReady() string {
	switch {
	case p.stopping.Load():
		return "shutting down"
	case !p.leading.Load():
		return "waiting for leadership"
	case !p.source.Synced() || !p.dynamic.Synced():
		return "informers not synced"
	}
	return ""
}
