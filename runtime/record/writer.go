package record

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"os"
	"sync"
	"time"
)

// DefaultQueueBytes bounds what a Writer holds in memory for the disk.
const DefaultQueueBytes = 64 << 20

// Writer appends records to a file. It is safe for concurrent use and
// never makes its caller (the engine's intake, an action reading the
// cluster) wait for the disk: Write encodes the record, a snapshot of the
// objects at that moment, and queues the line; one goroutine writes the
// lines in order. When the disk is slow and the queue holds QueueBytes,
// Write drops the record and counts it; the next line written is then a
// "gap" record with the count, so that a replay says where it is
// incomplete. When a write fails (disk full), the Writer logs it once,
// stops writing and drops the rest (counted in Dropped): a recording must
// never take the runner down.
type Writer struct {
	logger *slog.Logger
	red    *Redactor
	out    io.WriteCloser
	limit  int

	mu      sync.Mutex
	queue   [][]byte
	bytes   int
	gap     int64 // dropped since the last line queued
	dropped int64 // in total
	closed  bool
	failed  error
	wake    chan struct{}
	done    chan struct{}
}

// Create opens (appending to) the file name and starts the writer.
func Create(name string, logger *slog.Logger) (*Writer, error) {
	f, err := os.OpenFile(name, os.O_APPEND|os.O_CREATE|os.O_WRONLY, 0o600)
	if err != nil {
		return nil, fmt.Errorf("opening recording: %w", err)
	}
	return NewWriter(f, DefaultQueueBytes, logger), nil
}

// NewWriter writes to out, holding at most limit bytes in its queue.
func NewWriter(out io.WriteCloser, limit int, logger *slog.Logger) *Writer {
	if logger == nil {
		logger = slog.New(slog.DiscardHandler)
	}
	w := &Writer{logger: logger, red: NewRedactor(), out: out, limit: limit, wake: make(chan struct{}, 1), done: make(chan struct{})}
	go w.loop()
	return w
}

// Redactor is the writer's redactor, for the objects of its records.
func (w *Writer) Redactor() *Redactor { return w.red }

// Write stamps r with the version and, when unset, the time, and queues it.
func (w *Writer) Write(r Record) {
	r.V = Version
	if r.Time.IsZero() {
		r.Time = time.Now().UTC()
	}
	line, err := json.Marshal(r)
	if err != nil {
		w.logger.Error("recording: cannot encode a record; dropped", "type", r.Type, "error", err)
		w.drop()
		return
	}
	line = append(line, '\n')
	w.mu.Lock()
	defer w.mu.Unlock()
	if w.closed || w.failed != nil || w.bytes+len(line) > w.limit {
		w.gap++
		w.dropped++
		return
	}
	if w.gap > 0 {
		g, _ := json.Marshal(Record{V: Version, Type: TypeGap, Time: r.Time, Gap: &Gap{Dropped: w.gap}})
		w.queue, w.bytes, w.gap = append(w.queue, append(g, '\n')), w.bytes+len(g)+1, 0
	}
	w.queue, w.bytes = append(w.queue, line), w.bytes+len(line)
	select {
	case w.wake <- struct{}{}:
	default:
	}
}

func (w *Writer) drop() {
	w.mu.Lock()
	w.gap++
	w.dropped++
	w.mu.Unlock()
}

// Dropped returns how many records were not written.
func (w *Writer) Dropped() int64 {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.dropped
}

func (w *Writer) loop() {
	defer close(w.done)
	bw := bufio.NewWriter(w.out)
	for {
		w.mu.Lock()
		lines, closed := w.queue, w.closed
		w.queue, w.bytes = nil, 0
		w.mu.Unlock()
		for _, l := range lines {
			if _, err := bw.Write(l); err != nil {
				w.fail(err)
				return
			}
		}
		// Flushed whenever the queue is empty: a crash loses at most what
		// was queued, and a reader sees whole lines.
		if err := bw.Flush(); err != nil {
			w.fail(err)
			return
		}
		if closed && len(lines) == 0 {
			return
		}
		if !closed {
			<-w.wake
		}
	}
}

func (w *Writer) fail(err error) {
	w.mu.Lock()
	w.failed = err
	w.dropped += int64(len(w.queue))
	w.queue, w.bytes = nil, 0
	w.mu.Unlock()
	w.logger.Error("recording stopped: writing failed; the runner goes on without it", "error", err)
}

// Close writes what is queued, until ctx is done, and closes the file.
// Records written after Close are dropped.
func (w *Writer) Close(ctx context.Context) error {
	w.mu.Lock()
	if w.gap > 0 && w.failed == nil && !w.closed {
		// Drops at the very end are said too, past the limit: one line.
		g, _ := json.Marshal(Record{V: Version, Type: TypeGap, Time: time.Now().UTC(), Gap: &Gap{Dropped: w.gap}})
		w.queue, w.gap = append(w.queue, append(g, '\n')), 0
	}
	w.closed = true
	w.mu.Unlock()
	select {
	case w.wake <- struct{}{}:
	default:
	}
	var err error
	select {
	case <-w.done:
	case <-ctx.Done():
		err = fmt.Errorf("closing recording: %w", ctx.Err())
	}
	if cerr := w.out.Close(); cerr != nil && err == nil {
		err = fmt.Errorf("closing recording: %w", cerr)
	}
	if n := w.Dropped(); n > 0 {
		w.logger.Warn("recording incomplete", "dropped", n)
	}
	return err
}
