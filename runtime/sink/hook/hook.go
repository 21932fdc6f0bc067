// Package hook POSTs to incoming-webhook URLs (Discord, Teams Workflows,
// Google Chat), whose secret is the URL itself: its path or query holds the
// token. A Target keeps the URL and a safe form of it (scheme and host,
// then "/…"), and every error and log line names only the safe form. Each
// POST is retried with package retry; the caller may classify answers
// itself (Discord's JSON retry_after) instead of retry.CheckResponse.
package hook

import (
	"bytes"
	"context"
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

// maxResponse is how much of a successful answer Post reads and returns.
const maxResponse = 1 << 20

// Target is a webhook URL that must not be shown.
type Target struct {
	url, safe string
}

// ParseTarget checks that raw is an absolute http(s) URL. The error names
// param, never the value.
func ParseTarget(param, raw string) (Target, error) {
	u, err := url.Parse(raw)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return Target{}, fmt.Errorf("%s must be an absolute http or https URL", param)
	}
	safe := u.Scheme + "://" + u.Host
	if (u.Path != "" && u.Path != "/") || u.RawQuery != "" || u.User != nil {
		safe += "/…"
	}
	return Target{url: raw, safe: safe}, nil
}

// String is the safe form: scheme and host.
func (t Target) String() string { return t.safe }

// WithQuery returns t with key=value set in its query (Discord's wait).
func (t Target) WithQuery(key, value string) Target {
	u, err := url.Parse(t.url)
	if err != nil {
		return t
	}
	q := u.Query()
	q.Set(key, value)
	u.RawQuery = q.Encode()
	t.url = u.String()
	return t
}

// Poster sends requests. Its zero value is usable: the default client,
// policy and classification, logging to slog.Default().
type Poster struct {
	Client *http.Client
	Policy retry.Policy
	// Check classifies an answer for retry.Do; nil means
	// retry.CheckResponse.
	Check func(resp *http.Response, now time.Time) error
	// Log hears of every failed attempt; nil means slog.Default().
	Log *slog.Logger
}

// NewClient is an HTTP client for one sink: its own transport (idle
// connections closed by Close) and DefaultTimeout per attempt.
func NewClient() *http.Client {
	return &http.Client{Timeout: DefaultTimeout, Transport: http.DefaultTransport.(*http.Transport).Clone()}
}

// Post POSTs body to t until it succeeds or the policy gives up, and
// returns the start of the successful answer's body.
func (p *Poster) Post(ctx context.Context, t Target, contentType string, body []byte) ([]byte, error) {
	pol := p.Policy.WithDefaults()
	log := p.Log
	if log == nil {
		log = slog.Default()
	}
	pol.OnRetry = func(attempt int, err error, wait time.Duration) {
		log.WarnContext(ctx, "webhook POST failed, retrying", "url", t.safe, "attempt", attempt, "wait", wait.String(), "error", err)
		if p.Policy.OnRetry != nil {
			p.Policy.OnRetry(attempt, err, wait)
		}
	}
	var answer []byte
	err := retry.Do(ctx, pol, func(ctx context.Context) error {
		var err error
		answer, err = p.once(ctx, t, contentType, body, pol.Clock)
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("POST %s: %w", t.safe, err)
	}
	return answer, nil
}

func (p *Poster) once(ctx context.Context, t Target, contentType string, body []byte, clock retry.Clock) ([]byte, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, t.url, bytes.NewReader(body))
	if err != nil {
		return nil, retry.Permanent(errors.New("building the request failed")) // its error would quote the URL
	}
	req.Header.Set("Content-Type", contentType)
	req.Header.Set("User-Agent", "robusta-go")
	client := p.Client
	if client == nil {
		client = http.DefaultClient
	}
	resp, err := client.Do(req)
	if err != nil {
		var ue *url.Error
		if errors.As(err, &ue) { // it quotes the whole URL
			err = &url.Error{Op: ue.Op, URL: t.safe, Err: ue.Err}
		}
		return nil, err
	}
	defer resp.Body.Close()
	check := p.Check
	if check == nil {
		check = retry.CheckResponse
	}
	if err := check(resp, clock.Now()); err != nil {
		_, _ = io.Copy(io.Discard, io.LimitReader(resp.Body, 64<<10)) // lets the connection be reused
		return nil, err
	}
	answer, err := io.ReadAll(io.LimitReader(resp.Body, maxResponse))
	if err != nil {
		return nil, fmt.Errorf("reading the answer: %w", err)
	}
	return answer, nil
}
