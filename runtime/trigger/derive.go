package trigger

import (
	"encoding/json"
)

// decodeDerived reads a derived trigger's params into p, which holds the
// trigger's defaults: a key left out keeps its default, as in Robusta.
func decodeDerived[P any](params []byte, p *P) error {
	return json.Unmarshal(params, p)
}

// deriveWith builds a deriveFunc from a params type with its defaults and
// a function making the predicate.
func deriveWith[P any](defaults func() P, filters func(*P) ObjectFilters, pred func(*P) (predicate, []error)) deriveFunc {
	return func(params []byte) (derived, error) {
		p := defaults()
		if err := decodeDerived(params, &p); err != nil {
			return derived{}, err
		}
		f, errs := pred(&p)
		return derived{filters: filters(&p), pred: f, errs: errs}, nil
	}
}
