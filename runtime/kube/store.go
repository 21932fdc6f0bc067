package kube

import (
	"errors"
	"fmt"
	"log/slog"
	"sync"
	"sync/atomic"

	"k8s.io/client-go/tools/cache"

	"github.com/robusta-go/robusta/runtime/api"
)

// compactStore is one kind's cache and the point where its watch meets the
// engine. A cache.Reflector calls it, from one goroutine, for the list and
// for every watch event; each call that is a change hands the change to
// emit before it returns. emit blocks while the engine is full, so the
// Reflector stops reading its watch, and TCP flow control stops the API
// server: nothing queues in between, unlike a shared informer's unbounded
// notification buffer. If the API server gives up on the slow watch, the
// Reflector relists and Replace hands over what changed in the meantime,
// each object's latest state once.
//
// Objects are kept as compressed protobuf (see codec) and decoded only for
// an update's old object, a relist's deletes, and Get.
type compactStore struct {
	kind   string
	codec  codec
	emit   func(op api.Operation, obj, old api.Object)
	logger *slog.Logger

	mu     sync.Mutex
	items  map[string]entry
	synced atomic.Bool // the first Replace (the initial list) is done
}

// entry is one cached object: its resourceVersion, to tell a real change
// from a relist's replay without decoding, and its encoded bytes.
type entry struct {
	rv   string
	data []byte
}

var _ cache.TransformingStore = (*compactStore)(nil)

func newCompactStore(kind string, newObj func() protoObject, emit func(api.Operation, api.Object, api.Object), logger *slog.Logger) *compactStore {
	return &compactStore{kind: kind, codec: codec{newObj: newObj}, emit: emit, logger: logger, items: map[string]entry{}}
}

// Transformer strips objects in the Reflector's own temporary store too
// (streaming initial lists fill one before Replace).
func (s *compactStore) Transformer() cache.TransformFunc { return StripForCache }

func (s *compactStore) Add(obj any) error    { return s.put(obj) }
func (s *compactStore) Update(obj any) error { return s.put(obj) }
func (s *compactStore) Resync() error        { return nil } // resync is off: it replays changes that did not happen

// put stores a watched object and emits it as a create or an update (an
// Added event for a cached object is an update: the watch restarted). An
// unchanged resourceVersion is a replay, not a change.
func (s *compactStore) put(obj any) error {
	o, pb, err := s.prepare(obj)
	if err != nil {
		return err
	}
	key, err := cache.MetaNamespaceKeyFunc(o)
	if err != nil {
		return fmt.Errorf("%s: %w", s.kind, err)
	}
	s.mu.Lock()
	s.codec.setDict([][]byte{pb}) // only when the initial list was empty
	prev, had := s.items[key]
	if had && prev.rv == o.GetResourceVersion() {
		s.mu.Unlock()
		return nil
	}
	s.items[key] = entry{rv: o.GetResourceVersion(), data: s.codec.compress(pb)}
	s.mu.Unlock()
	if !had {
		s.emit(api.OperationCreate, o, nil)
		return nil
	}
	s.emit(api.OperationUpdate, o, s.old(key, prev.data))
	return nil
}

// Delete forgets the object and emits the state the watch delivered with
// the delete: the object as it was when it went.
func (s *compactStore) Delete(obj any) error {
	if t, ok := obj.(cache.DeletedFinalStateUnknown); ok {
		obj = t.Obj
	}
	o, _, err := s.prepare(obj)
	if err != nil {
		return err
	}
	key, err := cache.MetaNamespaceKeyFunc(o)
	if err != nil {
		return fmt.Errorf("%s: %w", s.kind, err)
	}
	s.mu.Lock()
	delete(s.items, key)
	s.mu.Unlock()
	s.emit(api.OperationDelete, o, nil)
	return nil
}

// prepare strips a delivered object and encodes it.
func (s *compactStore) prepare(obj any) (protoObject, []byte, error) {
	o, ok := obj.(protoObject)
	if !ok {
		err := fmt.Errorf("%s: the watch delivered a %T, not a typed API object", s.kind, obj)
		s.logger.Error("change not processed", "kind", s.kind, "error", err)
		return nil, nil, err
	}
	if _, err := StripForCache(o); err != nil {
		return nil, nil, err
	}
	pb, err := marshal(o)
	if err != nil {
		s.logger.Error("change not processed", "kind", s.kind, "error", err)
		return nil, nil, err
	}
	return o, pb, nil
}

// old decodes a previous state for an update or a delete. It cannot fail
// for bytes this store wrote; if it does the change still goes, without its
// old object, and the error is logged rather than the change lost.
func (s *compactStore) old(key string, data []byte) api.Object {
	o, err := s.codec.decode(data)
	if err != nil {
		s.logger.Error("previous state lost", "kind", s.kind, "key", key, "error", err)
		return nil
	}
	return o
}

// Get decodes the cached object with key namespace/name (name for
// cluster-scoped kinds): a complete typed object, a copy of its own.
func (s *compactStore) Get(key string) (api.Object, bool, error) {
	s.mu.Lock()
	e, ok := s.items[key]
	s.mu.Unlock()
	if !ok {
		return nil, false, nil
	}
	o, err := s.codec.decode(e.data)
	if err != nil {
		return nil, false, errors.Join(fmt.Errorf("%s %s", s.kind, key), err)
	}
	return o, true, nil
}

// Len is how many objects are cached.
func (s *compactStore) Len() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return len(s.items)
}

// Synced reports whether the initial list is in.
func (s *compactStore) Synced() bool { return s.synced.Load() }
