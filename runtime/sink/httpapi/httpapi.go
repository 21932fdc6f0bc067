// Package httpapi sends requests to a service's HTTP API for a sink: one
// call is one retry.Do, each attempt classified by retry.CheckResponse, each
// failed attempt logged, and errors that name the call (its operation and
// host) but never its credentials. pagerduty_sink, opsgenie_sink and
// jira_sink build on it; a sink with a maintained Go client uses that
// instead.
package httpapi

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/url"
	"time"

	"github.com/robusta-go/robusta/runtime/sink/retry"
)

// DefaultTimeout bounds one attempt.
const DefaultTimeout = 30 * time.Second

// MaxRetryAfter caps a service's Retry-After: a broken or hostile answer
// (Retry-After: 86400) must not park the sink's queue for a day. Retrying
// sooner at worst earns another 429, and the policy's attempts bound that.
const MaxRetryAfter = time.Minute

// maxBody is the most of a success's body that is read.
const maxBody = 4 << 20

// Client calls one service. Its zero Policy and nil HTTP take defaults (see
// New); it is safe for concurrent use.
type Client struct {
	// Sink names the sink in errors and logs, e.g. `pagerduty_sink "oncall"`.
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
}

// New returns c with its defaults set: a client of its own with
// DefaultTimeout, slog.Default(), the policy's defaults.
func New(c Client) *Client {
	if c.HTTP == nil {
		c.HTTP = &http.Client{Timeout: DefaultTimeout, Transport: http.DefaultTransport.(*http.Transport).Clone()}
	}
	if c.Log == nil {
		c.Log = slog.Default()
	}
	c.Policy = c.Policy.WithDefaults()
	return &c
}

// Request is one call.
type Request struct {
	// Op names the call in logs and errors ("create alert").
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
}

// Do makes the call, retrying as the policy allows, and decodes the answer
// into r.Out. The error names the sink, the operation and the URL's host.
func (c *Client) Do(ctx context.Context, r Request) error {
	body, ctype := r.Body, r.ContentType
	if r.JSON != nil {
		b, err := json.Marshal(r.JSON)
		if err != nil {
			return fmt.Errorf("%s: %s: encoding the request: %w", c.Sink, r.Op, err)
		}
		body, ctype = b, "application/json"
	}
	host := safeHost(r.URL)
	p := c.Policy
	p.OnRetry = func(attempt int, err error, wait time.Duration) {
		c.Log.WarnContext(ctx, "sink call failed, retrying", "sink", c.Sink, "op", r.Op, "host", host,
			"attempt", attempt, "wait", wait.String(), "error", err)
	}
	err := retry.Do(ctx, p, func(ctx context.Context) error { return c.attempt(ctx, r, body, ctype, host) })
	if err != nil {
		c.Log.ErrorContext(ctx, "sink call failed", "sink", c.Sink, "op", r.Op, "host", host, "error", err)
		return fmt.Errorf("%s: %s (%s %s): %w", c.Sink, r.Op, r.Method, host, err)
	}
	return nil
}

func (c *Client) attempt(ctx context.Context, r Request, body []byte, ctype, host string) error {
	var rd io.Reader
	if body != nil {
		rd = bytes.NewReader(body)
	}
	req, err := http.NewRequestWithContext(ctx, r.Method, r.URL, rd)
	if err != nil {
		return retry.Permanent(fmt.Errorf("building the request to %s failed", host)) // the error would quote the URL
	}
	for k, vs := range r.Header {
		req.Header[k] = vs
	}
	if ctype != "" {
		req.Header.Set("Content-Type", ctype)
	}
	req.Header.Set("Accept", "application/json")
	req.Header.Set("User-Agent", "robusta-go")
	if c.Header != nil {
		c.Header(req.Header)
	}
	resp, err := c.HTTP.Do(req)
	if err != nil {
		if ue := (*url.Error)(nil); errors.As(err, &ue) { // it quotes the whole URL
			err = &url.Error{Op: ue.Op, URL: host, Err: ue.Err}
		}
		if ctx.Err() != nil {
			return retry.Permanent(err)
		}
		return err
	}
	defer resp.Body.Close()
	if err := retry.CheckResponse(resp, c.Policy.Clock.Now()); err != nil {
		_, _ = io.Copy(io.Discard, io.LimitReader(resp.Body, 64<<10))
		if d, ok := retry.RetryAfter(err); ok && d > MaxRetryAfter {
			return retry.After(errors.Unwrap(err), MaxRetryAfter)
		}
		return err
	}
	if r.Out == nil {
		_, _ = io.Copy(io.Discard, io.LimitReader(resp.Body, 64<<10)) // lets the connection be reused
		return nil
	}
	b, err := io.ReadAll(io.LimitReader(resp.Body, maxBody))
	if err != nil {
		return fmt.Errorf("reading the answer: %w", err)
	}
	if err := json.Unmarshal(b, r.Out); err != nil {
		return retry.Permanent(fmt.Errorf("reading the answer (HTTP %d): %w", resp.StatusCode, err))
	}
	return nil
}

// safeHost is u's scheme and host: paths and queries may hold identifiers
// and user info a password.
func safeHost(u string) string {
	p, err := url.Parse(u)
	if err != nil || p.Host == "" {
		return "(bad URL)"
	}
	return p.Scheme + "://" + p.Host
}

// BaseURL checks a service address param (an absolute http or https URL,
// or a bare host taken as https) and returns it without a trailing slash.
func BaseURL(param, value string) (string, error) {
	if value == "" {
		return "", fmt.Errorf("%s is empty", param)
	}
	u, err := url.Parse(value)
	if err == nil && u.Scheme == "" && u.Host == "" {
		u, err = url.Parse("https://" + value)
	}
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" || u.User != nil || u.RawQuery != "" {
		return "", fmt.Errorf("%s %q is not an http(s) URL without credentials or query", param, value)
	}
	s := u.String()
	for len(s) > 0 && s[len(s)-1] == '/' {
		s = s[:len(s)-1]
	}
	return s, nil
}
