package registry

import (
	"context"
	"errors"
	"fmt"
	"slices"

	"github.com/robusta-go/robusta/runtime/api"
)

// Func runs a bound action on one event.
type Func func(ctx context.Context, event api.ExecutionEvent) error

// ErrEventMismatch is returned by a Func given an event of the wrong type.
// The config loader prevents it by checking Accepts first.
var ErrEventMismatch = errors.New("action cannot take this event")

// Action is one //robusta:action function, as robusta-gen describes it.
type Action struct {
	// Name is the action's name in values.yaml, e.g. "pod_bash_enricher".
	Name string
	// Func is the Go function, package-qualified: "mypb.PodBashEnricher".
	Func string
	// Doc is the function's doc comment.
	Doc string
	// Event is the Go type of the event the action takes, e.g. "api.PodEvent".
	Event string
	// Triggers lists, sorted, the triggers whose events the action accepts.
	// robusta-gen decides it with the type checker.
	Triggers []string
	// Schema is the JSON Schema of the params; "" when the action takes none.
	Schema string
	// RBAC is the cluster access the action needs: the rules robusta-gen
	// inferred from its code and those of its //robusta:rbac directives.
	RBAC []Rule
	// Accepts reports whether the action can take e: the same type assertion
	// its adapter makes, so the loader's check cannot disagree with a run.
	Accepts func(e api.ExecutionEvent) bool
	// Bind decodes the params (JSON, already valid against Schema and with
	// defaults filled in) and returns the action bound to them.
	Bind func(params []byte) (Func, error)
}

// Rule is one Kubernetes RBAC policy rule, in PolicyRule's terms; "" in
// Groups is the core group.
type Rule struct {
	Groups        []string
	Resources     []string
	Verbs         []string
	ResourceNames []string
}

// AcceptsTrigger reports whether name is among a.Triggers.
func (a *Action) AcceptsTrigger(name string) bool {
	_, ok := slices.BinarySearch(a.Triggers, name)
	return ok
}

// Package is the set of actions of one Go package.
type Package struct {
	// Path is the package's import path.
	Path    string
	Actions []Action
}

// Set is the actions of a bundle by name.
type Set struct {
	byName map[string]*Action
	from   map[string]string // action name -> package path
	names  []string
}

// NewSet indexes the actions of pkgs. Two actions with one name are an
// error naming both packages.
func NewSet(pkgs ...Package) (*Set, error) {
	s := &Set{byName: map[string]*Action{}, from: map[string]string{}}
	var errs []error
	for _, p := range pkgs {
		for i := range p.Actions {
			a := &p.Actions[i]
			if prev, dup := s.from[a.Name]; dup {
				errs = append(errs, fmt.Errorf("action %q is defined by both %s and %s", a.Name, prev, p.Path))
				continue
			}
			s.byName[a.Name], s.from[a.Name] = a, p.Path
			s.names = append(s.names, a.Name)
		}
	}
	slices.Sort(s.names)
	return s, errors.Join(errs...)
}

// Lookup returns the action called name.
func (s *Set) Lookup(name string) (*Action, bool) {
	a, ok := s.byName[name]
	return a, ok
}

// Names returns every action name, sorted.
func (s *Set) Names() []string { return s.names }

// Without returns p without the actions called names. A runner built with
// robusta-gen build uses it on the built-in package when a playbook repo
// declares an action of the same name: the repo's action replaces the
// built-in one, as a Robusta playbook repo's does.
func (p Package) Without(names ...string) Package {
	out := Package{Path: p.Path}
	for _, a := range p.Actions {
		if !slices.Contains(names, a.Name) {
			out.Actions = append(out.Actions, a)
		}
	}
	return out
}
