// Package file implements file_sink, which appends one JSON object per
// finding per line (the shape of Contract 4 in docs/design.md), and
// stdout_sink, the same on standard output for local runs.
package file

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"reflect"
	"sync"

	"github.com/robusta-go/robusta/runtime/api"
	"github.com/robusta-go/robusta/runtime/sink"
)

// Params configures file_sink.
type Params struct {
	sink.Common
	FileName string `json:"file_name" jsonschema:"minLength=1" jsonschema_description:"The file findings are appended to, one JSON object per line."`
}

// StdoutParams configures stdout_sink.
type StdoutParams struct {
	sink.Common
}

// Type is file_sink.
var Type = sink.Type{
	Key:    "file_sink",
	Doc:    "Appends each finding to a file as one line of JSON.",
	Params: reflect.TypeFor[Params](),
	New: func(raw []byte, _ sink.Global) (sink.Sink, error) {
		var p Params
		if err := json.Unmarshal(raw, &p); err != nil {
			return nil, fmt.Errorf("reading file_sink params: %w", err)
		}
		return Open(p.FileName)
	},
}

// StdoutType is stdout_sink.
var StdoutType = sink.Type{
	Key:    "stdout_sink",
	Doc:    "Writes each finding to standard output as one line of JSON.",
	Params: reflect.TypeFor[StdoutParams](),
	New: func([]byte, sink.Global) (sink.Sink, error) {
		return New(nopCloser{os.Stdout}), nil
	},
}

// Sink writes findings as JSON lines to a writer. Each line is written with
// one Write call under a lock, so lines never interleave.
type Sink struct {
	mu  sync.Mutex
	w   *bufio.Writer
	out io.WriteCloser
}

// Open appends to the file name, creating it.
func Open(name string) (*Sink, error) {
	f, err := os.OpenFile(name, os.O_APPEND|os.O_CREATE|os.O_WRONLY, 0o644)
	if err != nil {
		return nil, fmt.Errorf("opening file sink: %w", err)
	}
	return New(f), nil
}

// New writes to w; Close closes it.
func New(w io.WriteCloser) *Sink { return &Sink{w: bufio.NewWriter(w), out: w} }

// Write appends f as one line and flushes it, so that a reader (or a crash)
// never sees half a finding.
func (s *Sink) Write(_ context.Context, f *api.Finding) error {
	line, err := json.Marshal(f)
	if err != nil {
		return fmt.Errorf("encoding finding: %w", err)
	}
	line = append(line, '\n')
	s.mu.Lock()
	defer s.mu.Unlock()
	if _, err := s.w.Write(line); err != nil {
		return fmt.Errorf("writing finding: %w", err)
	}
	if err := s.w.Flush(); err != nil {
		return fmt.Errorf("writing finding: %w", err)
	}
	return nil
}

// Close flushes and closes the output.
func (s *Sink) Close(context.Context) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if err := s.w.Flush(); err != nil {
		return fmt.Errorf("flushing file sink: %w", err)
	}
	return s.out.Close()
}

// nopCloser keeps stdout open when the sink closes.
type nopCloser struct{ io.Writer }

func (nopCloser) Close() error { return nil }
