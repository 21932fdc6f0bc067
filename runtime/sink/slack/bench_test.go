package slack

import (
	"context"
	"fmt"
	"sync"
	"testing"

	"github.com/robusta-go/robusta/runtime/api"
)

func TestConcurrentWrites(t *testing.T) {
	fs := newFakeSlack(t)
	s := testSink(t, fs, newFakeClock(), Params{ChannelOverride: "labels.team"}, nil)
	var wg sync.WaitGroup
	for i := range 16 {
		wg.Go(func() {
			f := finding()
			f.Subject.Labels = map[string]string{"team": fmt.Sprint("team-", i%3)}
			f.AddEnrichment(api.FileBlock("x.log", []byte("x\n")))
			if err := s.Write(context.Background(), f); err != nil {
				t.Error(err)
			}
		})
	}
	wg.Wait()
	if len(fs.posts) != 16 || len(fs.completes) != 16 {
		t.Errorf("%d posts and %d files, want 16 of each", len(fs.posts), len(fs.completes))
	}
}

func BenchmarkRender(b *testing.B) {
	f := everyBlock()
	b.ReportAllocs()
	for b.Loop() {
		render(f, "prod-eu").messages()
	}
}

// BenchmarkWrite is one finding with every block type (one message, two
// files) through slacktest on loopback, pacing on the fake clock.
func BenchmarkWrite(b *testing.B) {
	fs := newFakeSlack(b)
	s := testSink(b, fs, newFakeClock(), Params{}, nil)
	f := everyBlock()
	b.ReportAllocs()
	for b.Loop() {
		if err := s.Write(context.Background(), f); err != nil {
			b.Fatal(err)
		}
	}
}
