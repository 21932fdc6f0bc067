package runner

import (
	"context"
	"errors"
	"fmt"
)

// shutdown stops what was started, whatever ended the run (cause, nil for
// SIGTERM), and returns cause joined with anything that failed on the way:
//
//  1. intake: informers and scheduler, so no new event is queued;
//  2. the Lease, released so that another replica leads at once (the
//     events in flight here are this replica's: no one else will see them);
//  3. HTTP: /api/alerts and /api/trigger are intake too, and a manual run
//     in flight still routes findings to the sinks;
//  4. the workers, draining queued and running actions within --shutdown-grace;
//  5. the sinks, flushed and closed with what is left of the grace.
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
	}
	if p.election != nil {
		p.leading.Store(false)
		p.election.release()
	}
	attrs := []any{"grace", p.flags.Grace.String()}
	if cause != nil {
		attrs = append(attrs, "cause", cause.Error())
	}
	p.logger.Info("shutting down: intake stopped, draining", attrs...)

	grace, cancel := context.WithTimeout(context.Background(), p.flags.Grace)
	defer cancel()
	errs := []error{cause}
	switch {
	case p.srv != nil:
		if err := p.srv.Shutdown(grace); err != nil {
			errs = append(errs, fmt.Errorf("stopping HTTP: %w", err))
		}
	case p.ln != nil: // listening, not serving yet
		if err := p.ln.Close(); err != nil {
			errs = append(errs, fmt.Errorf("closing the listener: %w", err))
		}
	}
	if p.pool != nil {
		if err := p.pool.Stop(grace); err != nil {
			errs = append(errs, fmt.Errorf("draining: %w", err))
		}
	}
	if err := p.eng.Close(grace); err != nil {
		errs = append(errs, err)
	}
	if err := errors.Join(errs...); err != nil {
		p.logger.Error("runner stopped", "error", err.Error())
		return err
	}
	p.logger.Info("runner stopped")
	return nil
}
