package slack

import (
	"context"
	"sync"
	"time"

	"golang.org/x/time/rate"

	"github.com/robusta-go/robusta/runtime/sink/retry"
)

// Pacing: chat.postMessage allows about one message per second per channel
// (Slack's "special" tier); a 429 on a channel holds it until Retry-After.
const (
	perChannel   = rate.Limit(1) // messages per second
	channelBurst = 1
	// pruneAbove bounds the limiter map when channel_override fans out to
	// many channels: above it, idle channels are forgotten.
	pruneAbove = 256
)

// pacer spaces the messages of each channel. Limiters are made on first use
// and kept in a map under mu; waits happen outside the lock, on clock (the
// sink's retry clock, which tests replace).
type pacer struct {
	clock retry.Clock
	mu    sync.Mutex
	chans map[string]*channelPace
}

type channelPace struct {
	lim  *rate.Limiter
	hold time.Time // no message before this (set by a 429)
}

func newPacer(c retry.Clock) *pacer { return &pacer{clock: c, chans: map[string]*channelPace{}} }

// wait blocks until channel may take another message, or ctx ends.
func (p *pacer) wait(ctx context.Context, channel string) error {
	for {
		p.mu.Lock()
		now := p.clock.Now()
		c := p.get(channel, now)
		if c.hold.After(now) {
			d := c.hold.Sub(now)
			p.mu.Unlock()
			if err := p.clock.Sleep(ctx, d); err != nil {
				return err
			}
			continue // the hold may have moved meanwhile
		}
		r := c.lim.ReserveN(now, 1)
		p.mu.Unlock()
		d := r.DelayFrom(now)
		if d <= 0 {
			return nil
		}
		if err := p.clock.Sleep(ctx, d); err != nil {
			r.CancelAt(p.clock.Now()) // give the slot back
			return err
		}
		return nil
	}
}

// holdUntil keeps channel quiet until t (a Retry-After), for every writer.
func (p *pacer) holdUntil(channel string, t time.Time) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if c := p.get(channel, p.clock.Now()); t.After(c.hold) {
		c.hold = t
	}
}

// get returns channel's state, creating it; p.mu is held.
func (p *pacer) get(channel string, now time.Time) *channelPace {
	if c, ok := p.chans[channel]; ok {
		return c
	}
	if len(p.chans) >= pruneAbove {
		for name, c := range p.chans {
			if !c.hold.After(now) && c.lim.TokensAt(now) >= channelBurst {
				delete(p.chans, name)
			}
		}
	}
	c := &channelPace{lim: rate.NewLimiter(perChannel, channelBurst)}
	p.chans[channel] = c
	return c
}
