package runner

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"time"
)

// shutdown stops what was started, whatever ended the run (cause, nil for
// SIGTERM), and returns cause joined with anything that failed on the way:
//
//  1. intake: informers and scheduler, so no new event is queued;
//  2. the Lease, released so that another replica leads at once (the
//     events in flight here are this replica's: no one else will see them);
//  3. HTTP: /api/alerts and /api/trigger are intake too; requests in
//     flight get --shutdown-http-timeout, then their connections are
//     closed (a manual run already queued still runs and routes its
//     findings in step 4);
//  4. the workers, draining queued and running actions within --shutdown-grace;
//  5. the sinks, flushed and closed within --shutdown-flush-timeout;
//  6. the probes and /metrics, last, so that they answer during the drain.
//
// Each phase has a budget of its own: with one shared deadline, a client
// that holds a request open would leave nothing for the drain and the
// sinks, and the findings of the last events would be lost.
func (p *parts) shutdown(cause error) error {
	p.stopping.Store(true)
	if p.stopIntake != nil {
		p.stopIntake()
	}
	if p.sched != nil {
		p.sched.Stop()
	}
	if p.intakeStarted {
		p.source.Shutdown()
		p.dynamic.Shutdown()
	}
	if p.rl != nil {
		p.rl.stop() // the config watch and the informers of reloads
	}
	if p.election != nil {
		p.leading.Store(false)
		p.election.release()
	}
	attrs := []any{"grace", p.flags.Grace.String(), "http_timeout", p.flags.HTTPGrace.String(), "flush_timeout", p.flags.FlushGrace.String()}
	if cause != nil {
		attrs = append(attrs, "cause", cause.Error())
	}
	p.logger.Info("shutting down: intake stopped, draining", attrs...)

	errs := []error{cause}
	errs = append(errs, stopServer(p.srv, p.ln, p.flags.HTTPGrace, "HTTP"))
	p.logger.Info("stopped serving the API: draining")
	if p.pool != nil {
		if err := within(p.flags.Grace, p.pool.Stop); err != nil {
			errs = append(errs, fmt.Errorf("draining: %w", err))
		}
	}
	if err := within(p.flags.FlushGrace, p.closeSinks); err != nil {
		errs = append(errs, err)
	}
	errs = append(errs, stopServer(p.metricsSrv, p.metricsLn, time.Second, "metrics HTTP"))
	if err := errors.Join(errs...); err != nil {
		p.logger.Error("runner stopped", "error", err.Error())
		return err
	}
	p.logger.Info("runner stopped")
	return nil
}

// within runs stop with a deadline of d from now.
func within(d time.Duration, stop func(context.Context) error) error {
	ctx, cancel := context.WithTimeout(context.Background(), d)
	defer cancel()
	return stop(ctx)
}

// stopServer shuts srv down within d, then closes the connections still
// open; without srv (listening, not serving yet) it closes ln.
func stopServer(srv *http.Server, ln net.Listener, d time.Duration, what string) error {
	switch {
	case srv != nil:
		if err := within(d, srv.Shutdown); err != nil {
			// Requests still in flight lose their connection, not the
			// findings: the runs they queued drain in the next phase.
			if cerr := srv.Close(); cerr != nil {
				return fmt.Errorf("stopping %s: %w", what, cerr)
			}
			if !errors.Is(err, context.DeadlineExceeded) {
				return fmt.Errorf("stopping %s: %w", what, err)
			}
		}
	case ln != nil:
		if err := ln.Close(); err != nil {
			return fmt.Errorf("closing the %s listener: %w", what, err)
		}
	}
	return nil
}
