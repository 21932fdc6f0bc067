package trigger

import (
	"fmt"
	"strconv"

	"github.com/robusta-go/robusta/runtime/providers"
)

// checkProviders refuses a k8s_providers entry that names no provider:
// Robusta accepts it and the playbook then never fires, silently.
func checkProviders(list []string, errs []error) []error {
	for i, p := range list {
		if _, ok := providers.Canonical(p); !ok {
			errs = append(errs, &PathError{
				Path: []string{"k8s_providers", strconv.Itoa(i)},
				Err:  fmt.Errorf("unknown provider %q: want one of %q (any case)", p, providers.Names),
			})
		}
	}
	return errs
}
