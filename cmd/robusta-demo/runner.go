package main

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"os"
	"os/exec"
	"strings"
	"syscall"
	"time"
)

// runner is the runner process: its stdout carries findings (stdout_sink),
// its stderr JSON logs.
type runner struct {
	cmd      *exec.Cmd
	findings chan string
	addr     chan string
	done     chan error
	printed  int // findings printed so far
}

func startRunner(ctx context.Context, bin string, args ...string) (*runner, error) {
	cmd := exec.Command(bin, args...)
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		return nil, err
	}
	stderr, err := cmd.StderrPipe()
	if err != nil {
		return nil, err
	}
	if err := cmd.Start(); err != nil {
		return nil, fmt.Errorf("starting the runner: %w", err)
	}
	r := &runner{cmd: cmd, findings: make(chan string, 16), addr: make(chan string, 1), done: make(chan error, 1)}
	go r.readFindings(stdout)
	go r.readLogs(stderr)
	go func() { r.done <- cmd.Wait() }()
	return r, nil
}

func (r *runner) readFindings(out io.Reader) {
	sc := bufio.NewScanner(out)
	sc.Buffer(nil, 16<<20)
	for sc.Scan() {
		r.findings <- describe(sc.Bytes())
	}
}

// readLogs passes the runner's log lines through, and picks the address of
// its probes (--metrics-listen) from its start line.
func (r *runner) readLogs(logs io.Reader) {
	sc := bufio.NewScanner(logs)
	for sc.Scan() {
		var line struct {
			Msg           string
			MetricsListen string `json:"metrics_listen"`
		}
		if json.Unmarshal(sc.Bytes(), &line) == nil && line.Msg == "runner started" {
			r.addr <- line.MetricsListen
		}
		fmt.Fprintln(os.Stderr, "    runner: "+sc.Text())
	}
}

// waitReady waits until /readyz answers 200: the informers have listed.
func (r *runner) waitReady(ctx context.Context) error {
	var addr string
	select {
	case addr = <-r.addr:
	case err := <-r.done:
		return fmt.Errorf("the runner exited: %v", err)
	case <-ctx.Done():
		return ctx.Err()
	}
	tick := time.NewTicker(50 * time.Millisecond)
	defer tick.Stop()
	for {
		resp, err := http.Get("http://" + addr + "/readyz")
		if err == nil {
			resp.Body.Close()
			if resp.StatusCode == http.StatusOK {
				return nil
			}
		}
		select {
		case <-tick.C:
		case <-ctx.Done():
			return fmt.Errorf("waiting for /readyz: %w", ctx.Err())
		}
	}
}

func (r *runner) nextFinding(ctx context.Context) (string, error) {
	select {
	case f := <-r.findings:
		return f, nil
	case err := <-r.done:
		return "", fmt.Errorf("the runner exited: %v", err)
	case <-ctx.Done():
		return "", fmt.Errorf("waiting for a finding: %w", ctx.Err())
	}
}

// printFindings prints the next n findings, numbering them on from those
// printed before.
func (r *runner) printFindings(ctx context.Context, n int) error {
	for range n {
		f, err := r.nextFinding(ctx)
		if err != nil {
			return err
		}
		r.printed++
		fmt.Printf("\nfinding %d:\n%s", r.printed, f)
	}
	return nil
}

func (r *runner) stop() error {
	if err := r.cmd.Process.Signal(syscall.SIGTERM); err != nil {
		return err
	}
	select {
	case err := <-r.done:
		if err != nil {
			return fmt.Errorf("the runner did not exit cleanly: %w", err)
		}
		return nil
	case <-time.After(time.Minute):
		return errors.New("the runner did not stop within a minute")
	}
}

func (r *runner) kill() { _ = r.cmd.Process.Kill() }

// describe renders a finding line for a person.
func describe(line []byte) string {
	var f struct {
		Title, Description, Severity, Playbook string
		Subject                                struct{ Kind, Name, Namespace string }
		Enrichments                            []struct {
			Title  string
			Blocks []map[string]any
		}
	}
	if err := json.Unmarshal(line, &f); err != nil {
		return string(line) + "\n"
	}
	var b strings.Builder
	fmt.Fprintf(&b, "  %s [%s] from playbook %s\n  subject: %s %s/%s\n", f.Title, f.Severity, f.Playbook, f.Subject.Kind, f.Subject.Namespace, f.Subject.Name)
	if f.Description != "" {
		fmt.Fprintf(&b, "  %s\n", f.Description)
	}
	for _, e := range f.Enrichments {
		if e.Title != "" {
			fmt.Fprintf(&b, "  %s:\n", e.Title)
		}
		for _, blk := range e.Blocks {
			typ := blk["type"]
			fmt.Fprintf(&b, "  - %s block: %s\n", typ, compact(blk))
		}
	}
	return b.String()
}

func compact(blk map[string]any) string {
	delete(blk, "type")
	s, _ := json.Marshal(blk)
	return string(s)
}
