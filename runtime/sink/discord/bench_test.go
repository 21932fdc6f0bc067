package discord

import (
	"context"
	"testing"

	"github.com/robusta-go/robusta/runtime/sink/sinktest"
)

func BenchmarkRender(b *testing.B) {
	f := sinktest.EveryBlock()
	b.ReportAllocs()
	for b.Loop() {
		msgs, _ := render(f, "prod-eu")
		for _, m := range msgs {
			if _, _, err := encode(m); err != nil {
				b.Fatal(err)
			}
		}
	}
}

// BenchmarkWrite is the every-block finding (a message and a file) posted
// to a local fake on loopback.
func BenchmarkWrite(b *testing.B) {
	fd := newFake(b)
	s, _ := newSink(b, fd)
	f := sinktest.EveryBlock()
	b.ReportAllocs()
	for b.Loop() {
		if err := s.Write(context.Background(), f); err != nil {
			b.Fatal(err)
		}
	}
}
