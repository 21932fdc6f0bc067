package httpapi

import (
	"context"
	"encoding/json"
	"fmt"
	"log/slog"
	"net/http"
	"time"

	"github.com/robusta-go/robusta/runtime/sink/retry"
)

// DefaultTimeout bounds one attempt.
const DefaultTimeout = 30 * time.Second

// maxBody is the most of a success's body that is read.
const maxBody = 4 << 20

// Client calls one service. Its zero value is usable (http.DefaultClient,
// slog.Default(), the policy's defaults); New gives it a connection pool of
// its own. It is safe for concurrent use.
type Client struct {
	// Sink names the sink in errors, e.g. `pagerduty_sink "oncall"`; empty
	// when the caller wraps the error with its own name.
	Sink string
	// HTTP sends the requests.
	HTTP *http.Client
	// Policy bounds the retries of one call.
	Policy retry.Policy
	// Log hears of every failed attempt.
	Log *slog.Logger
	// Header sets the headers every request carries (authentication); it
	// is where credentials go, so that no URL or error holds them.
	Header func(http.Header)
	// Check classifies an answer for retry.Do; nil means CheckResponse.
	// A service's dialect wraps CheckResponse rather than replacing it.
	Check func(resp *http.Response, now time.Time) error
}

// NewHTTPClient is an HTTP client for one sink: its own transport (idle
// connections closed by CloseIdleConnections) and DefaultTimeout per
// attempt.
func NewHTTPClient() *http.Client {
	return &http.Client{Timeout: DefaultTimeout, Transport: http.DefaultTransport.(*http.Transport).Clone()}
}

// New returns c with its defaults set: NewHTTPClient, slog.Default(), the
// policy's defaults.
func New(c Client) *Client {
	if c.HTTP == nil {
		c.HTTP = NewHTTPClient()
	}
	if c.Log == nil {
		c.Log = slog.Default()
	}
	c.Policy = c.Policy.WithDefaults()
	return &c
}

// CloseIdleConnections closes the client's idle connections (a sink's
// Close).
func (c *Client) CloseIdleConnections() {
	if c.HTTP != nil {
		c.HTTP.CloseIdleConnections()
	}
}

// Request is one call.
type Request struct {
	// Op names the call in logs and errors ("create alert"); may be empty.
	Op     string
	Method string
	URL    string
	// JSON, when not nil, is marshalled as the body (application/json).
	JSON any
	// Body and ContentType are a body given as bytes (a multipart form);
	// ignored when JSON is set.
	Body        []byte
	ContentType string
	// Header adds headers of this request only.
	Header http.Header
	// Out, when not nil, receives the JSON body of the answer.
	Out any
	// Raw, when not nil, receives the start (up to 4 MiB) of the answer's
	// body, undecoded.
	Raw *[]byte
}

// Post POSTs body to t, retrying as the policy allows, and returns the
// start of the successful answer's body.
func (c *Client) Post(ctx context.Context, t Target, contentType string, body []byte) ([]byte, error) {
	var answer []byte
	err := c.Do(ctx, Request{Method: http.MethodPost, URL: t.url, Body: body, ContentType: contentType, Raw: &answer})
	return answer, err
}

// Do makes the call, retrying as the policy allows, and decodes the answer
// into r.Out. The error names the sink, the operation, the method and the
// redacted URL.
func (c *Client) Do(ctx context.Context, r Request) error {
	body, ctype := r.Body, r.ContentType
	if r.JSON != nil {
		b, err := json.Marshal(r.JSON)
		if err != nil {
			return fmt.Errorf("%s: encoding the request: %w", c.name(r), err)
		}
		body, ctype = b, "application/json"
	}
	safe := Redact(r.URL)
	p := c.Policy.WithDefaults()
	log := c.Log
	if log == nil {
		log = slog.Default()
	}
	if c.Sink != "" { // else the caller's logger names the sink already
		log = log.With("sink", c.Sink)
	}
	if r.Op != "" {
		log = log.With("op", r.Op)
	}
	onRetry := p.OnRetry
	p.OnRetry = func(attempt int, err error, wait time.Duration) {
		log.WarnContext(ctx, "sink call failed, retrying", "method", r.Method, "url", safe,
			"attempt", attempt, "wait", wait.String(), "error", err)
		if onRetry != nil {
			onRetry(attempt, err, wait)
		}
	}
	err := retry.Do(ctx, p, func(ctx context.Context) error { return c.attempt(ctx, r, body, ctype, safe, p.Clock) })
	if err == nil {
		return nil
	}
	if r.Op == "" {
		return fmt.Errorf("%s%s %s: %w", prefix(c.Sink), r.Method, safe, err)
	}
	return fmt.Errorf("%s%s (%s %s): %w", prefix(c.Sink), r.Op, r.Method, safe, err)
}

func (c *Client) name(r Request) string {
	if r.Op == "" {
		return prefix(c.Sink) + r.Method + " " + Redact(r.URL)
	}
	return prefix(c.Sink) + r.Op
}

func prefix(sink string) string {
	if sink == "" {
		return ""
	}
	return sink + ": "
}
