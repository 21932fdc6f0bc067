package lsptest

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"maps"
	"os/exec"
	"strconv"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// handshakeTimeout bounds starting the server (node loads a few megabytes
// of JavaScript; on a loaded CI machine that takes seconds) and shutting it
// down. It is a bound, not a wait: both return as soon as the server answers.
const handshakeTimeout = 60 * time.Second

// Client is a minimal LSP client connected to one server process.
type Client struct {
	t        testing.TB
	cmd      *exec.Cmd
	stdin    io.WriteCloser
	settings map[string]any

	writeMu sync.Mutex // one framed message at a time on stdin
	nextID  atomic.Int64

	mu           sync.Mutex
	pending      map[int64]chan *message
	diags        map[string][]Diagnostic // latest set published per URI
	diagsChanged chan struct{}           // closed and replaced on every publish
	versions     map[string]int          // document versions sent
	configPulled chan struct{}           // closed when the server first asks for "yaml"
	log          bytes.Buffer            // server stderr and window/logMessage
	served       map[string]int          // server→client requests answered, by method

	readerDone chan struct{} // closed when stdout is exhausted
	readErr    error         // why the reader stopped; set before readerDone closes
	drained    chan struct{} // closed when stdout hit EOF, after readerDone
	exited     chan struct{} // closed after cmd.Wait returns
	waitErr    error         // cmd.Wait's result; set before exited closes
}

// Start runs `serverPath --stdio` with rootDir as its workspace, completes
// the initialize handshake, pushes Settings, and waits until the server has
// pulled them. The server is shut down in t.Cleanup; if the test failed, the
// server's stderr and log messages go to the test log.
func Start(t testing.TB, serverPath, rootDir string) *Client {
	t.Helper()
	rootURI, err := FileURI(rootDir)
	if err != nil {
		t.Fatalf("lsptest: %v", err)
	}
	c := &Client{
		t:            t,
		settings:     Settings(),
		pending:      map[int64]chan *message{},
		diags:        map[string][]Diagnostic{},
		diagsChanged: make(chan struct{}),
		versions:     map[string]int{},
		served:       map[string]int{},
		configPulled: make(chan struct{}),
		readerDone:   make(chan struct{}),
		drained:      make(chan struct{}),
		exited:       make(chan struct{}),
	}
	c.cmd = exec.Command(serverPath, "--stdio")
	c.cmd.Dir = rootDir
	c.cmd.Stderr = &lockedWriter{mu: &c.mu, w: &c.log}
	if c.stdin, err = c.cmd.StdinPipe(); err != nil {
		t.Fatalf("lsptest: stdin pipe: %v", err)
	}
	stdout, err := c.cmd.StdoutPipe()
	if err != nil {
		t.Fatalf("lsptest: stdout pipe: %v", err)
	}
	if err := c.cmd.Start(); err != nil {
		t.Fatalf("lsptest: starting %s: %v", serverPath, err)
	}
	go c.readLoop(stdout)
	go func() {
		<-c.drained // Wait closes stdout: only after the reader is done with it
		c.waitErr = c.cmd.Wait()
		close(c.exited)
	}()
	t.Cleanup(c.close)

	ctx, cancel := context.WithTimeout(context.Background(), handshakeTimeout)
	defer cancel()
	if err := c.initialize(ctx, rootURI); err != nil {
		t.Fatalf("lsptest: %v", err) // the cleanup logs the server's output
	}
	return c
}

// call sends a request and decodes its result into result (unless nil).
func (c *Client) call(ctx context.Context, method string, params, result any) error {
	raw, err := c.callRaw(ctx, method, params)
	if err != nil || result == nil {
		return err
	}
	if err := json.Unmarshal(raw, result); err != nil {
		return fmt.Errorf("decoding %s result: %w", method, err)
	}
	return nil
}

func (c *Client) callRaw(ctx context.Context, method string, params any) (json.RawMessage, error) {
	id := c.nextID.Add(1)
	ch := make(chan *message, 1)
	c.mu.Lock()
	c.pending[id] = ch
	c.mu.Unlock()
	defer func() {
		c.mu.Lock()
		delete(c.pending, id)
		c.mu.Unlock()
	}()
	p, err := encodeParams(params)
	if err != nil {
		return nil, fmt.Errorf("encoding %s params: %w", method, err)
	}
	if err := c.send(&message{JSONRPC: "2.0", ID: json.RawMessage(strconv.FormatInt(id, 10)), Method: method, Params: p}); err != nil {
		return nil, fmt.Errorf("sending %s: %w", method, err)
	}
	select {
	case m := <-ch:
		if m.Error != nil {
			return nil, fmt.Errorf("%s: %w", method, m.Error)
		}
		return m.Result, nil
	case <-c.readerDone:
		return nil, fmt.Errorf("server exited before answering %s: %w", method, c.readErr)
	case <-ctx.Done():
		return nil, fmt.Errorf("waiting for the %s response: %w", method, ctx.Err())
	}
}

// notify sends a notification.
func (c *Client) notify(method string, params any) error {
	p, err := encodeParams(params)
	if err != nil {
		return fmt.Errorf("encoding %s params: %w", method, err)
	}
	if err := c.send(&message{JSONRPC: "2.0", Method: method, Params: p}); err != nil {
		return fmt.Errorf("sending %s: %w", method, err)
	}
	return nil
}

// encodeParams leaves params out for nil: JSON-RPC allows only an object
// or an array there, and LSP's shutdown and exit take none.
func encodeParams(params any) (json.RawMessage, error) {
	if params == nil {
		return nil, nil
	}
	return json.Marshal(params)
}

func (c *Client) send(m *message) error {
	c.writeMu.Lock()
	defer c.writeMu.Unlock()
	return writeMessage(c.stdin, m)
}

// ServerRequests reports how many requests of each method the server sent
// the client (and the client answered), so tests can check the editor side
// of the conversation happened.
func (c *Client) ServerRequests() map[string]int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return maps.Clone(c.served)
}

// serverLog returns what the server wrote to stderr and window/logMessage.
func (c *Client) serverLog() string {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.log.String()
}

// close shuts the server down the polite way (shutdown, exit) and kills it
// only if it does not exit within handshakeTimeout. A server that is gone
// before the test ends crashed; that fails a test that has not failed yet.
func (c *Client) close() {
	ctx, cancel := context.WithTimeout(context.Background(), handshakeTimeout)
	defer cancel()
	var errs []error
	select {
	case <-c.readerDone:
		if !c.t.Failed() {
			errs = append(errs, fmt.Errorf("server exited before the test ended: %w", c.readErr))
		}
	default:
		if err := c.call(ctx, "shutdown", nil, nil); err != nil {
			errs = append(errs, err)
		} else if err := c.notify("exit", nil); err != nil {
			errs = append(errs, err)
		}
	}
	_ = c.stdin.Close() // EOF also makes the server exit
	select {
	case <-c.exited:
		if c.waitErr != nil && len(errs) == 0 {
			errs = append(errs, fmt.Errorf("server exit: %w", c.waitErr))
		}
	case <-ctx.Done():
		errs = append(errs, fmt.Errorf("server did not exit: %w", ctx.Err()))
		_ = c.cmd.Process.Kill()
		<-c.exited
	}
	if err := errors.Join(errs...); err != nil {
		c.t.Errorf("lsptest: shutting down the server: %v", err)
	}
	if c.t.Failed() {
		c.t.Logf("language server log:\n%s", c.serverLog())
	}
}

// lockedWriter serialises writes to w under mu, which the Client also
// holds when it reads the buffer.
type lockedWriter struct {
	mu *sync.Mutex
	w  io.Writer
}

func (l *lockedWriter) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.w.Write(p)
}
