package runner_test

import (
	"bytes"
	"encoding/json"
	"strings"
	"sync"
)

// logs is the runner's log output. It keeps every line for the test to
// print on failure or search, and hands the listen address of the
// "runner started" line to whoever waits on started: that is how a test
// learns the ports of --listen and --metrics-listen 127.0.0.1:0 without a
// hook in the runner.
type logs struct {
	started chan [2]string // receives the API and metrics addresses once

	mu      sync.Mutex
	buf     bytes.Buffer // every complete line
	partial []byte       // a line not finished yet
	seen    bool         // "runner started" was seen
}

func newLogs() *logs { return &logs{started: make(chan [2]string, 1)} }

// Write takes whatever the JSON handler writes (one record per call, but
// nothing here relies on it) and looks at each complete line.
func (l *logs) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.partial = append(l.partial, p...)
	for {
		i := bytes.IndexByte(l.partial, '\n')
		if i < 0 {
			break
		}
		line := l.partial[:i+1]
		l.buf.Write(line)
		l.look(line)
		l.partial = l.partial[i+1:]
	}
	return len(p), nil
}

func (l *logs) look(line []byte) {
	var rec struct {
		Msg           string `json:"msg"`
		Listen        string `json:"listen"`
		MetricsListen string `json:"metrics_listen"`
	}
	if l.seen || json.Unmarshal(line, &rec) != nil || rec.Msg != "runner started" {
		return
	}
	l.seen = true
	l.started <- [2]string{rec.Listen, rec.MetricsListen}
}

// Contains reports whether some line contains s.
func (l *logs) Contains(s string) bool {
	l.mu.Lock()
	defer l.mu.Unlock()
	return strings.Contains(l.buf.String(), s)
}

func (l *logs) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.buf.String() + string(l.partial)
}
