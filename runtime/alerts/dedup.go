package alerts

import (
	"container/list"
	"crypto/sha256"
	"sync"
	"time"
)

// seen is a bounded set of keys that expire a fixed TTL after they were
// added. Every key lives the same TTL, so insertion order is expiry order:
// a FIFO list gives both expiry and eviction of the oldest. Keys are kept
// as their SHA-256: a key holds an alert's labels when it has no
// fingerprint, which a sender can make megabytes long, so a bound on the
// count alone would not bound the memory.
type seen struct {
	mu    sync.Mutex
	ttl   time.Duration
	max   int
	now   func() time.Time
	order *list.List // of entry, oldest first
	index map[string]*list.Element
}

type entry struct {
	key     string
	expires time.Time
}

func newSeen(ttl time.Duration, max int, now func() time.Time) *seen {
	return &seen{ttl: ttl, max: max, now: now, order: list.New(), index: map[string]*list.Element{}}
}

// Claim adds key and reports true, unless key is already there and not
// expired.
func (s *seen) Claim(key string) bool {
	key = digest(key)
	s.mu.Lock()
	defer s.mu.Unlock()
	now := s.now()
	for e := s.order.Front(); e != nil && !now.Before(e.Value.(entry).expires); e = s.order.Front() {
		s.remove(e)
	}
	if _, ok := s.index[key]; ok {
		return false
	}
	s.index[key] = s.order.PushBack(entry{key: key, expires: now.Add(s.ttl)})
	for s.order.Len() > s.max {
		s.remove(s.order.Front())
	}
	return true
}

// Release forgets key, so that the next Claim of it succeeds.
func (s *seen) Release(key string) {
	key = digest(key)
	s.mu.Lock()
	defer s.mu.Unlock()
	if e, ok := s.index[key]; ok {
		s.remove(e)
	}
}

// Len returns how many keys are held.
func (s *seen) Len() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.order.Len()
}

func (s *seen) remove(e *list.Element) {
	delete(s.index, e.Value.(entry).key)
	s.order.Remove(e)
}

// digest is the fixed-size form of a key the set holds.
func digest(key string) string {
	sum := sha256.Sum256([]byte(key))
	return string(sum[:])
}
