package kube

import (
	"bytes"
	"errors"
	"fmt"
	"strings"

	"k8s.io/client-go/tools/cache"

	"github.com/robusta-go/robusta/runtime/api"
)

// relisted is one change a relist found, its old state still encoded so
// that a relist with many changes does not hold all of them decoded.
type relisted struct {
	op  api.Operation
	key string
	obj api.Object // the listed state; nil for a delete
	old []byte     // the cached state; nil for a create
}

// Replace takes a full list. The first is the initial list: its objects
// existed before the runner started and are not creations, so it emits
// nothing. Any later one is a relist after the watch broke (expired, or
// dropped by the API server because the engine was slow): it emits each
// difference from the cache, the latest state of every object once —
// changes in between are not in any list, and are merged, not lost.
func (s *compactStore) Replace(list []any, _ string) error {
	objs := make([]protoObject, 0, len(list))
	pbs := make([][]byte, 0, len(list))
	var errs []error
	for _, x := range list {
		o, pb, err := s.prepare(x)
		if err != nil {
			errs = append(errs, err) // logged by prepare; the rest still go in
			continue
		}
		objs, pbs = append(objs, o), append(pbs, pb)
	}
	if !s.synced.Load() {
		s.fill(objs, pbs)
		return errors.Join(errs...)
	}
	changes := s.diff(objs, pbs)
	if len(changes) > 0 {
		s.logger.Info("relisted after the watch broke: emitting what changed", "kind", s.kind, "changes", len(changes))
	}
	for _, c := range changes {
		var old api.Object
		if c.old != nil {
			old = s.old(c.key, c.old)
		}
		if c.op == api.OperationDelete {
			s.emit(c.op, old, nil)
			continue
		}
		s.emit(c.op, c.obj, old)
	}
	return errors.Join(errs...)
}

// fill stores the initial list, making the kind's dictionary from objects
// spread over it first so that every value is compressed against it.
//
// The list's keys, resourceVersions and values each go into one
// allocation: allocated one by one they would land between the list's
// decoded objects, and once those are collected the half-empty spans they
// keep alive cost more memory than they hold. A value replaced later
// leaves a hole in its block; the waste is bounded by the initial list's
// compressed size.
func (s *compactStore) fill(objs []protoObject, pbs [][]byte) {
	var samples [][]byte
	for i := 0; i < len(pbs) && len(samples) < dictSamples; i += max(1, len(pbs)/dictSamples) {
		samples = append(samples, pbs[i])
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.codec.setDict(samples)
	type span struct{ k0, k1, r0, r1, v0, v1 int }
	spans := make([]span, 0, len(objs))
	var keys, rvs strings.Builder
	var vals []byte
	for i, o := range objs {
		key, err := cache.MetaNamespaceKeyFunc(o)
		if err != nil {
			s.logger.Error("object not cached", "kind", s.kind, "error", fmt.Errorf("%s: %w", s.kind, err))
			continue
		}
		sp := span{k0: keys.Len(), r0: rvs.Len(), v0: len(vals)}
		keys.WriteString(key)
		rvs.WriteString(o.GetResourceVersion())
		vals = s.codec.appendCompressed(vals, pbs[i])
		sp.k1, sp.r1, sp.v1 = keys.Len(), rvs.Len(), len(vals)
		spans = append(spans, sp)
		pbs[i] = nil // let the list's protobuf go as we go
	}
	ks, rs, vs := strings.Clone(keys.String()), strings.Clone(rvs.String()), bytes.Clone(vals) // exact sizes
	items := make(map[string]entry, len(spans))
	for _, sp := range spans {
		items[ks[sp.k0:sp.k1]] = entry{rv: rs[sp.r0:sp.r1], data: vs[sp.v0:sp.v1:sp.v1]}
	}
	s.items = items
	s.synced.Store(true)
}

// diff swaps in the relisted objects and returns the changes against the
// cache: deletes first, then creates and updates in list order.
func (s *compactStore) diff(objs []protoObject, pbs [][]byte) []relisted {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.codec.setDict(pbs)
	items := make(map[string]entry, len(objs))
	var changes []relisted
	for i, o := range objs {
		key, err := cache.MetaNamespaceKeyFunc(o)
		if err != nil {
			s.logger.Error("object not cached", "kind", s.kind, "error", fmt.Errorf("%s: %w", s.kind, err))
			continue
		}
		prev, had := s.items[key]
		if had && prev.rv == o.GetResourceVersion() {
			items[key] = prev
			continue
		}
		items[key] = entry{rv: o.GetResourceVersion(), data: s.codec.compress(pbs[i])}
		if had {
			changes = append(changes, relisted{op: api.OperationUpdate, key: key, obj: o, old: prev.data})
		} else {
			changes = append(changes, relisted{op: api.OperationCreate, key: key, obj: o})
		}
	}
	var deletes []relisted
	for key, prev := range s.items {
		if _, ok := items[key]; !ok {
			deletes = append(deletes, relisted{op: api.OperationDelete, key: key, old: prev.data})
		}
	}
	s.items = items
	return append(deletes, changes...)
}
