package trigger

import (
	"errors"

	"github.com/robusta-go/robusta/runtime/scope"
)

// alertPlain are the plain scope attributes of an alert: its name and its
// namespace label.
var alertPlain = []string{"name", "namespace"}

func compileScope(p *scope.Params, plain, maps, paths []string, errs []error) (*scope.Scope, []error) {
	if p == nil {
		return nil, errs
	}
	s, err := scope.Compile(*p, plain, maps, paths...)
	if err == nil {
		return s, errs
	}
	for _, e := range unjoin(err) {
		var se *scope.Error
		if errors.As(e, &se) {
			errs = append(errs, &PathError{Path: append([]string{"scope"}, se.Path...), Err: se.Err})
		} else {
			errs = append(errs, &PathError{Path: []string{"scope"}, Err: e})
		}
	}
	return s, errs
}

func unjoin(err error) []error {
	if j, ok := err.(interface{ Unwrap() []error }); ok {
		return j.Unwrap()
	}
	return []error{err}
}
