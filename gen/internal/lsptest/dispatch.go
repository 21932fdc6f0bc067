package lsptest

import (
	"bufio"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
)

// readLoop reads the server's stdout until it closes, routing responses to
// their waiting calls, answering server→client requests, and recording
// notifications. It is the only reader of stdout.
func (c *Client) readLoop(stdout io.Reader) {
	r := newReader(stdout)
	var err error
	for {
		var m *message
		if m, err = readMessage(r); err != nil {
			break
		}
		switch {
		case m.isRequest():
			// A failed reply (stdin already closed at shutdown) is logged,
			// not fatal: the server may still have things to say.
			if aerr := c.answer(m); aerr != nil {
				c.logf("lsptest: %v", aerr)
			}
		case m.isNotification():
			c.record(m)
		default:
			c.deliver(m)
		}
	}
	if errors.Is(err, io.EOF) {
		err = errors.New("server closed its output")
	}
	c.readErr = err
	close(c.readerDone)
	// Drain the rest so a server still writing after a framing error is
	// not blocked on a full pipe and can exit; cmd.Wait, which closes the
	// pipe, waits for this.
	_, _ = io.Copy(io.Discard, stdout)
	close(c.drained)
}

// deliver hands a response to the call waiting on its id. Responses to
// calls that already gave up (their context ended) are dropped.
func (c *Client) deliver(m *message) {
	id, err := strconv.ParseInt(string(m.ID), 10, 64)
	if err != nil {
		return // not one of ours: we only send integer ids
	}
	c.mu.Lock()
	ch := c.pending[id]
	c.mu.Unlock()
	if ch != nil {
		ch <- m // buffered, one response per id
	}
}

// answer replies to a server→client request. Every request gets a reply:
// yaml-language-server awaits them, and an unanswered
// workspace/configuration leaves it running on defaults.
func (c *Client) answer(m *message) error {
	reply := &message{JSONRPC: "2.0", ID: m.ID}
	c.mu.Lock()
	c.served[m.Method]++
	c.mu.Unlock()
	switch m.Method {
	case "workspace/configuration":
		result, sawYAML, err := c.configuration(m.Params)
		if err != nil {
			reply.Error = &rpcError{Code: codeInvalidParams, Message: err.Error()}
			break
		}
		reply.Result = result
		if sawYAML {
			defer c.markConfigPulled()
		}
	case "client/registerCapability", "client/unregisterCapability",
		"window/workDoneProgress/create", "workspace/codeLens/refresh",
		"workspace/semanticTokens/refresh", "workspace/diagnostic/refresh":
		reply.Result = jsonNull
	default:
		reply.Error = &rpcError{Code: codeMethodNotFound, Message: "lsptest does not handle " + m.Method}
	}
	if err := c.send(reply); err != nil {
		return fmt.Errorf("answering %s: %w", m.Method, err)
	}
	return nil
}

// configuration answers workspace/configuration: one value per requested
// item, in order, looked up by the item's dotted section in Settings
// (null for a section the client has no settings for, as an editor would).
func (c *Client) configuration(params json.RawMessage) (json.RawMessage, bool, error) {
	var p configurationParams
	if err := json.Unmarshal(params, &p); err != nil {
		return nil, false, fmt.Errorf("decoding workspace/configuration params: %w", err)
	}
	values := make([]any, len(p.Items))
	sawYAML := false
	for i, item := range p.Items {
		values[i] = lookup(c.settings, item.Section)
		sawYAML = sawYAML || item.Section == "yaml"
	}
	out, err := json.Marshal(values)
	if err != nil {
		return nil, false, fmt.Errorf("encoding configuration: %w", err)
	}
	return out, sawYAML, nil
}

// lookup walks a dotted section ("yaml.format") through nested maps; the
// empty section is the whole settings object.
func lookup(settings map[string]any, section string) any {
	if section == "" {
		return settings
	}
	var cur any = settings
	for _, part := range strings.Split(section, ".") {
		m, ok := cur.(map[string]any)
		if !ok {
			return nil
		}
		if cur, ok = m[part]; !ok {
			return nil
		}
	}
	return cur
}

func (c *Client) markConfigPulled() {
	c.mu.Lock()
	defer c.mu.Unlock()
	select {
	case <-c.configPulled:
	default:
		close(c.configPulled)
	}
}

// record keeps what the tests and the failure log need from notifications.
func (c *Client) record(m *message) {
	switch m.Method {
	case "textDocument/publishDiagnostics":
		var p publishDiagnosticsParams
		if err := json.Unmarshal(m.Params, &p); err != nil {
			c.logf("lsptest: bad publishDiagnostics: %v", err)
			return
		}
		c.mu.Lock()
		c.diags[p.URI] = p.Diagnostics
		close(c.diagsChanged)
		c.diagsChanged = make(chan struct{})
		c.mu.Unlock()
	case "window/logMessage", "window/showMessage":
		var p struct {
			Type    int    `json:"type"`
			Message string `json:"message"`
		}
		if json.Unmarshal(m.Params, &p) == nil {
			c.logf("[%s %d] %s", m.Method, p.Type, p.Message)
		}
	}
}

// logf appends a line to the log shown when a test fails.
func (c *Client) logf(format string, args ...any) {
	c.mu.Lock()
	defer c.mu.Unlock()
	fmt.Fprintf(&c.log, format+"\n", args...)
}

// newReader sizes the buffer for a server that writes large messages.
func newReader(r io.Reader) *bufio.Reader { return bufio.NewReaderSize(r, 64<<10) }
