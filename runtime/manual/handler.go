package manual

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"slices"

	apierrors "k8s.io/apimachinery/pkg/api/errors"
	"k8s.io/client-go/kubernetes"

	"github.com/robusta-go/robusta/runtime/api"
	"github.com/robusta-go/robusta/runtime/config"
	"github.com/robusta-go/robusta/runtime/engine"
	"github.com/robusta-go/robusta/runtime/kinds"
	"github.com/robusta-go/robusta/runtime/registry"
)

// Engine runs one action and routes its findings; *engine.Pool is one,
// running it on a worker so that --workers bounds manual runs too.
type Engine interface {
	RunAction(ctx context.Context, name string, fn registry.Func, ev api.ExecutionEvent, sinks []string, def *api.Finding) ([]*api.Finding, error)
	SinkNames() []string
}

// Handler serves POST /api/trigger. It is closed by default: without a
// Token it answers 403 to everything, and it runs only the Allowed actions.
type Handler struct {
	Actions *registry.Set
	// Allowed names the actions a manual run may use (AllowedActions);
	// nil allows none.
	Allowed []string
	// Global is the loaded globalConfig, merged into params as at load.
	Global config.Global
	Client kubernetes.Interface
	Engine Engine
	// Token is the bearer token requests must carry; "" disables the
	// endpoint: an open trigger would let any pod that reaches the
	// Service run actions on any object.
	Token  string
	Logger *slog.Logger
	// Metrics counts requests; nil counts nothing.
	Metrics *Metrics
}

// problem is an answer other than 200: a status and why.
type problem struct {
	status int
	msg    string
	errs   []string
}

func (p *problem) Error() string { return p.msg }

func fail(status int, format string, args ...any) *problem {
	return &problem{status: status, msg: fmt.Sprintf(format, args...)}
}

// response is the JSON body of every answer.
type response struct {
	Findings []*api.Finding `json:"findings,omitzero"`
	Error    string         `json:"error,omitempty"`
	Errors   []string       `json:"errors,omitempty"`
}

// ServeHTTP implements http.Handler.
func (h *Handler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	a := h.newAudit(r)
	defer a.done()
	answer := func(status int, outcome string, body response) {
		a.status, a.outcome, a.err = status, outcome, body.Error
		write(w, status, body)
	}
	if h.Token == "" {
		answer(http.StatusForbidden, outcomeDisabled, response{Error: "POST /api/trigger is disabled: the runner has no token (--trigger-token-file or $" + TokenEnv + ")"})
		return
	}
	if !authorized(r, h.Token) {
		w.Header().Set("WWW-Authenticate", `Bearer realm="robusta"`)
		answer(http.StatusUnauthorized, outcomeUnauthorized, response{Error: "missing or wrong bearer token"})
		return
	}
	req, err := decode(http.MaxBytesReader(w, r.Body, maxBody))
	if err != nil {
		answer(http.StatusBadRequest, outcomeRefused, response{Error: err.Error()})
		return
	}
	a.req = req
	findings, err := h.run(r.Context(), req)
	var p *problem
	switch {
	case errors.As(err, &p):
		answer(p.status, outcomeRefused, response{Error: p.msg, Errors: p.errs})
	case errors.Is(err, engine.ErrClosed):
		// Shutting down: another replica, or this one restarted, takes it.
		w.Header().Set("Retry-After", "1")
		answer(http.StatusServiceUnavailable, outcomeRefused, response{Error: err.Error()})
	case err != nil:
		answer(http.StatusInternalServerError, outcomeFailed, response{Findings: orEmpty(findings), Error: err.Error()})
	default:
		answer(http.StatusOK, outcomeOK, response{Findings: orEmpty(findings)})
	}
}

// run checks req, loads its object, builds the event and runs the action.
// Problems with the request are a *problem; other errors are the action's.
func (h *Handler) run(ctx context.Context, req *Request) ([]*api.Finding, error) {
	a, err := h.action(req.ActionName)
	if err != nil {
		return nil, err
	}
	var kind *kinds.Kind
	if req.Kind != "" {
		k, ok := findKind(req.Kind)
		if !ok {
			return nil, fail(http.StatusBadRequest, "unknown kind %q%s", req.Kind, config.DidYouMean(req.Kind, kindNames()))
		}
		if k.Name == secretKind {
			// Refused before any read: the runner never loads a Secret on
			// a caller's behalf, so no action can put its data in a finding.
			return nil, fail(http.StatusForbidden, "a manual run cannot take a Secret as its subject")
		}
		if k.Namespaced && req.Namespace == "" {
			return nil, fail(http.StatusBadRequest, "kind %s is namespaced: namespace is required", k.Name)
		}
		kind = &k
	}
	if why := buildable(a, kind); why != "" {
		return nil, fail(http.StatusBadRequest, "%s", why)
	}
	sinks, err := h.sinks(req)
	if err != nil {
		return nil, err
	}
	fn, _, err := config.BindParams(a, req.ActionParams, h.Global)
	if err != nil {
		return nil, paramsProblem(a.Name, err)
	}
	var obj api.Object
	if kind != nil {
		if obj, err = load(ctx, h.Client, *kind, req.Namespace, req.Name); err != nil {
			return nil, loadProblem(*kind, req, err)
		}
	}
	ev := newEvent(kind, obj)
	if a.Accepts != nil && !a.Accepts(ev) { // the registry and the adapter disagree
		return nil, fail(http.StatusBadRequest, "action %s takes %s and cannot run on %T", a.Name, a.Event, ev)
	}
	return h.Engine.RunAction(ctx, a.Name, fn, ev, sinks, defaultFinding(a.Name, obj))
}

// sinks checks the named sinks: nil for the defaults, empty for none.
func (h *Handler) sinks(req *Request) ([]string, error) {
	if req.NoSinks {
		return []string{}, nil
	}
	known := h.Engine.SinkNames()
	for _, s := range req.Sinks {
		if !slices.Contains(known, s) {
			return nil, fail(http.StatusBadRequest, "unknown sink %q%s", s, config.DidYouMean(s, known))
		}
	}
	return req.Sinks, nil
}

// paramsProblem lists every problem with the params, without positions:
// they are in the caller's own JSON.
func paramsProblem(action string, err error) error {
	var list config.ErrorList
	if !errors.As(err, &list) {
		return fail(http.StatusBadRequest, "invalid params of action %s: %v", action, err)
	}
	p := fail(http.StatusBadRequest, "invalid params of action %s", action)
	for _, e := range list {
		p.errs = append(p.errs, e.Msg)
	}
	return p
}

// loadProblem is 404 for a missing object, 502 when the API server fails.
func loadProblem(k kinds.Kind, req *Request, err error) error {
	name := req.Name
	if k.Namespaced {
		name = req.Namespace + "/" + req.Name
	}
	if apierrors.IsNotFound(err) {
		return fail(http.StatusNotFound, "%s %s not found", k.Name, name)
	}
	return fail(http.StatusBadGateway, "reading %s %s: %v", k.Name, name, err)
}

func orEmpty(f []*api.Finding) []*api.Finding {
	if f == nil {
		return []*api.Finding{}
	}
	return f
}

func write(w http.ResponseWriter, status int, body response) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(body)
}

func (h *Handler) logger() *slog.Logger {
	if h.Logger == nil {
		return slog.Default()
	}
	return h.Logger
}
