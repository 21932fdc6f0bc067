package trigger

import (
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/robusta-go/robusta/runtime/api"
	"github.com/robusta-go/robusta/runtime/kinds"
)

var (
	errEmptyExclude = errors.New("empty entry: give name, namespace or both")
	errUnknownKind  = errors.New("unknown resource")
	errAmbiguous    = errors.New("ambiguous resource")
)

// on_kubernetes_resource_operation (Robusta's MultiResourceTrigger): an
// any-resource trigger restricted to resources and operations, with
// Robusta's default change_filters. Unlike Robusta, a resource robusta-go
// cannot watch is refused at load instead of never firing. The names in
// resources are resolved by Compile (resolveResources), which knows the
// values' customResources.
var deriveResourceOperation deriveFunc = func(params []byte) (derived, error) {
	p := ResourceOperationParams{ChangeFilters: defaultChangeFilters()}
	if err := decodeDerived(params, &p); err != nil {
		return derived{}, err
	}
	d := derived{filters: p.ObjectFilters, change: p.ChangeFilters, resources: p.Resources}
	var ops []api.Operation
	for _, o := range p.Operations {
		ops = append(ops, api.Operation(strings.ToLower(o)))
	}
	if len(ops) > 0 {
		d.pred = func(in Input) (Limit, bool) { return Limit{}, slices.Contains(ops, in.Operation) }
	}
	return d, nil
}

// resolveResources turns the names of a resources param into kind names
// (runtime/kinds' "Deployment", or a custom resource's Key): a built-in
// trigger name first, then a custom resource's names (kinds.Custom.Names).
func resolveResources(rs []string, custom []kinds.Custom, errs []error) ([]string, []error) {
	var out []string
	for i, r := range rs {
		name := strings.ToLower(r)
		kind, err := resolveResource(name, custom)
		if err != nil {
			errs = append(errs, &PathError{Path: []string{"resources", itoa(i)}, Err: fmt.Errorf("%w %q (%s)", err, r, resourceHint(err, name, custom))})
			continue
		}
		if !slices.Contains(out, kind) {
			out = append(out, kind)
		}
	}
	return out, errs
}

func resolveResource(name string, custom []kinds.Custom) (string, error) {
	if k, ok := kinds.ByTrigger(name); ok {
		return k.Name, nil
	}
	var found []string
	for _, c := range custom {
		if slices.Contains(c.Names(), name) {
			found = append(found, c.Key())
		}
	}
	switch len(found) {
	case 0:
		return "", errUnknownKind
	case 1:
		return found[0], nil
	}
	return "", errAmbiguous
}

// resourceHint says what a resources entry could have been.
func resourceHint(err error, name string, custom []kinds.Custom) string {
	if errors.Is(err, errAmbiguous) {
		var keys []string
		for _, c := range custom {
			if slices.Contains(c.Names(), name) {
				keys = append(keys, c.Key())
			}
		}
		return "it names " + strings.Join(keys, " and ") + " of customResources: use the full name"
	}
	names := make([]string, 0, len(kinds.All)+len(custom))
	for _, k := range kinds.All {
		names = append(names, k.Trigger)
	}
	for _, c := range custom {
		names = append(names, c.Key())
	}
	hint := "want one of " + strings.Join(names, ", ")
	if strings.Contains(name, ".") {
		hint += "; a custom resource must be listed in customResources first"
	}
	return hint
}

func itoa(i int) string { return strconv.Itoa(i) }
