package schedule

import (
	"context"
	"maps"
	"slices"
	"sync"
)

// MemoryStore is a Store in memory.
type MemoryStore struct {
	mu     sync.Mutex
	states map[string]State
}

// Load implements Store.
func (m *MemoryStore) Load(context.Context) (map[string]State, []error, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	return maps.Clone(m.states), nil, nil
}

// Save implements Store.
func (m *MemoryStore) Save(_ context.Context, id string, st State) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.states == nil {
		m.states = map[string]State{}
	}
	m.states[id] = st
	return nil
}

// Prune implements Store.
func (m *MemoryStore) Prune(_ context.Context, keep func(id string) bool) ([]string, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	var removed []string
	for _, id := range slices.Sorted(maps.Keys(m.states)) {
		if !keep(id) {
			removed = append(removed, id)
			delete(m.states, id)
		}
	}
	return removed, nil
}
