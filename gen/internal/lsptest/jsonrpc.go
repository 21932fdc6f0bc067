package lsptest

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/textproto"
	"strconv"
	"strings"
)

// maxMessageSize bounds one message's body. A completion list of a large
// schema is a few hundred kilobytes; a length far beyond that is a framing
// error, and reading it would only allocate garbage.
const maxMessageSize = 64 << 20

// message is any JSON-RPC 2.0 message: a request (method and id), a
// notification (method, no id) or a response (id with result or error).
// The id stays raw because the server's request ids may be numbers or
// strings and a reply must echo them unchanged.
type message struct {
	JSONRPC string          `json:"jsonrpc"`
	ID      json.RawMessage `json:"id,omitempty"`
	Method  string          `json:"method,omitempty"`
	Params  json.RawMessage `json:"params,omitempty"`
	Result  json.RawMessage `json:"result,omitempty"`
	Error   *rpcError       `json:"error,omitempty"`
}

func (m *message) isRequest() bool      { return m.Method != "" && len(m.ID) > 0 }
func (m *message) isNotification() bool { return m.Method != "" && len(m.ID) == 0 }

// rpcError is a JSON-RPC error object.
type rpcError struct {
	Code    int             `json:"code"`
	Message string          `json:"message"`
	Data    json.RawMessage `json:"data,omitempty"`
}

func (e *rpcError) Error() string {
	return fmt.Sprintf("jsonrpc error %d: %s", e.Code, e.Message)
}

// JSON-RPC error codes the client answers with.
const (
	codeInvalidParams  = -32602
	codeMethodNotFound = -32601
)

// jsonNull is an explicit null result: a response must carry result or
// error, and LSP requests such as client/registerCapability answer null.
var jsonNull = json.RawMessage("null")

// writeMessage frames v as one LSP message: a Content-Length header, a
// blank line, and the JSON body.
func writeMessage(w io.Writer, v any) error {
	body, err := json.Marshal(v)
	if err != nil {
		return fmt.Errorf("encoding message: %w", err)
	}
	var buf bytes.Buffer
	fmt.Fprintf(&buf, "Content-Length: %d\r\n\r\n", len(body))
	buf.Write(body)
	// One Write per message: the server must never see half a header
	// followed by another goroutine's message.
	if _, err := w.Write(buf.Bytes()); err != nil {
		return fmt.Errorf("writing message: %w", err)
	}
	return nil
}

// readMessage reads one framed message. Header names are case-insensitive
// (RFC 7230 style, as LSP's base protocol says); Content-Type is accepted and
// ignored; a missing or bad Content-Length is an error, since without it the
// stream cannot be resynchronised.
func readMessage(r *bufio.Reader) (*message, error) {
	length := -1
	sawHeader := false
	for {
		line, err := r.ReadString('\n')
		if err != nil {
			if errors.Is(err, io.EOF) && !sawHeader && line == "" {
				return nil, io.EOF
			}
			return nil, fmt.Errorf("reading header: %w", err)
		}
		line = strings.TrimRight(line, "\r\n")
		if line == "" {
			if !sawHeader {
				continue // tolerate stray blank lines between messages
			}
			break
		}
		sawHeader = true
		name, value, ok := strings.Cut(line, ":")
		if !ok {
			return nil, fmt.Errorf("malformed header line %q", line)
		}
		if textproto.CanonicalMIMEHeaderKey(strings.TrimSpace(name)) == "Content-Length" {
			n, err := strconv.Atoi(strings.TrimSpace(value))
			if err != nil || n < 0 || n > maxMessageSize {
				return nil, fmt.Errorf("bad Content-Length %q", strings.TrimSpace(value))
			}
			length = n
		}
	}
	if length < 0 {
		return nil, errors.New("message without Content-Length header")
	}
	body := make([]byte, length)
	if _, err := io.ReadFull(r, body); err != nil {
		return nil, fmt.Errorf("reading %d-byte body: %w", length, err)
	}
	var m message
	if err := json.Unmarshal(body, &m); err != nil {
		return nil, fmt.Errorf("decoding message body: %w", err)
	}
	return &m, nil
}
