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
)

// on_kubernetes_resource_operation (Robusta's MultiResourceTrigger): an
// any-resource trigger restricted to resources and operations, with
// Robusta's default change_filters. Unlike Robusta, a resource robusta-go
// cannot watch is refused at load instead of never firing.
var deriveResourceOperation deriveFunc = func(params []byte) (derived, error) {
	p := ResourceOperationParams{ChangeFilters: defaultChangeFilters()}
	if err := decodeDerived(params, &p); err != nil {
		return derived{}, err
	}
	d := derived{filters: p.ObjectFilters, change: p.ChangeFilters}
	names := make([]string, len(kinds.All))
	for i, k := range kinds.All {
		names[i] = k.Trigger
	}
	for i, r := range p.Resources {
		k, ok := kinds.ByTrigger(strings.ToLower(r))
		if !ok {
			d.errs = append(d.errs, &PathError{Path: []string{"resources", itoa(i)}, Err: fmt.Errorf("%w %q (want one of %s)", errUnknownKind, r, strings.Join(names, ", "))})
			continue
		}
		if !slices.Contains(d.kinds, k.Name) {
			d.kinds = append(d.kinds, k.Name)
		}
	}
	var ops []api.Operation
	for _, o := range p.Operations {
		ops = append(ops, api.Operation(strings.ToLower(o)))
	}
	want := d.kinds
	d.pred = func(in Input) (Limit, bool) {
		if len(want) > 0 && !slices.Contains(want, in.Kind) || len(ops) > 0 && !slices.Contains(ops, in.Operation) {
			return Limit{}, false
		}
		return Limit{}, true
	}
	return d, nil
}

func itoa(i int) string { return strconv.Itoa(i) }
