package trigger

import (
	"errors"
	"strconv"
	"strings"

	"k8s.io/apimachinery/pkg/runtime"

	"github.com/robusta-go/robusta/runtime/api"
)

// changeFilter is a compiled ChangeFilters (Robusta's
// check_change_filters): an update fires when, leaving out the differences
// under the ignore paths, one remains whose path contains an include
// string, or any one when include is empty.
//
// The differences and their paths are api's (api.ChangeFilter over the
// walk KubernetesDiffBlock lists), so the paths a user writes here are the
// ones a diff block shows, and the filter that decided the fire is the one
// the playbook's actions get (Trigger.ChangeFilter, set on the event by the
// engine). Like Robusta, include strings are substrings of the changed
// path, not prefixes ("image" matches spec.template.spec.containers[0].image;
// Robusta's own docs rely on that).
//
// This is the one filter that allocates (two conversions of the objects
// to maps): only triggers that set change_filters pay for it.
type changeFilter struct {
	filter *api.ChangeFilter
}

var errEmptyPath = errors.New("empty path")

func compileChangeFilters(p *ChangeFilters, errs []error) (*changeFilter, []error) {
	if p == nil {
		return nil, errs
	}
	for i, in := range p.Include {
		if strings.TrimSpace(in) == "" {
			errs = append(errs, &PathError{Path: []string{"change_filters", "include", strconv.Itoa(i)}, Err: errEmptyPath})
		}
	}
	for i, ig := range p.Ignore {
		if hasEmptyElement(ig) {
			errs = append(errs, &PathError{Path: []string{"change_filters", "ignore", strconv.Itoa(i)}, Err: errEmptyPath})
		}
	}
	return &changeFilter{filter: api.NewChangeFilter(p.Include, p.Ignore)}, errs
}

// hasEmptyElement reports an ignore path that is empty or has an empty
// key ("spec..replicas", "status.", ".status"), which would ignore nothing or more
// than meant.
func hasEmptyElement(path string) bool {
	parts := api.PathElements(path)
	if len(parts) == 0 || strings.HasPrefix(path, ".") || strings.HasSuffix(path, ".") || strings.Contains(path, "..") {
		return true
	}
	for _, p := range parts {
		if p == "" {
			return true
		}
	}
	return false
}

// changed reports whether the update from old to obj passes the filter. An
// update without its old object passes: there is nothing to compare.
func (c *changeFilter) changed(obj, old api.Object) bool {
	return c.filter.Passes(old, obj)
}

// ChangeFilter returns the trigger's change_filters as the playbook's
// actions see them (api.Execution.ChangeFilter), nil when it has none.
func (t *Trigger) ChangeFilter() *api.ChangeFilter {
	if t.change == nil {
		return nil
	}
	return t.change.filter
}

// rawObject is obj as JSON-shaped maps (what Robusta's matchers see); nil
// when it cannot be converted.
func rawObject(obj api.Object) map[string]any {
	if api.IsNil(obj) {
		return nil
	}
	m, err := runtime.DefaultUnstructuredConverter.ToUnstructured(obj)
	if err != nil {
		return nil
	}
	return m
}
