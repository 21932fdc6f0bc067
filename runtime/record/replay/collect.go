package replay

import (
	"context"
	"sync"

	"github.com/robusta-go/robusta/runtime/api"
	"github.com/robusta-go/robusta/runtime/sink"
)

// collector keeps what each sink received.
type collector struct {
	mu sync.Mutex
	by map[string][]*api.Finding
}

func (c *collector) sink(name string) sink.Sink { return &collected{c: c, name: name} }

type collected struct {
	c    *collector
	name string
}

func (s *collected) Write(_ context.Context, f *api.Finding) error {
	s.c.mu.Lock()
	defer s.c.mu.Unlock()
	s.c.by[s.name] = append(s.c.by[s.name], f)
	return nil
}

func (s *collected) Close(context.Context) error { return nil }
