package jira

import (
	"slices"
	"strconv"
	"sync"
)

// maxReconcile is the most issue ids a search reconciles.
const maxReconcile = 50

// recentIssues are the ids of the issues a sink created or changed last,
// newest last, at most maxReconcile of them.
type recentIssues struct {
	mu  sync.Mutex
	ids []int64
}

// add notes id; an id that is not a number (never, from Jira) is skipped,
// as reconcileIssues takes numbers.
func (r *recentIssues) add(id string) {
	n, err := strconv.ParseInt(id, 10, 64)
	if err != nil {
		return
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	r.ids = slices.DeleteFunc(r.ids, func(x int64) bool { return x == n })
	r.ids = append(r.ids, n)
	if len(r.ids) > maxReconcile {
		r.ids = slices.Delete(r.ids, 0, len(r.ids)-maxReconcile)
	}
}

func (r *recentIssues) list() []int64 {
	r.mu.Lock()
	defer r.mu.Unlock()
	return slices.Clone(r.ids)
}
