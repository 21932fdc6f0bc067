package httpapi

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"

	"github.com/robusta-go/robusta/runtime/sink/retry"
)

// attempt is one try of r: its error is classified for retry.Do, and it
// never quotes r.URL (a *url.Error would), only safe.
func (c *Client) attempt(ctx context.Context, r Request, body []byte, ctype, safe string, clock retry.Clock) error {
	var rd io.Reader
	if body != nil {
		rd = bytes.NewReader(body)
	}
	req, err := http.NewRequestWithContext(ctx, r.Method, r.URL, rd)
	if err != nil {
		return retry.Permanent(fmt.Errorf("building the request to %s failed", safe)) // its error would quote the URL
	}
	for k, vs := range r.Header {
		req.Header[k] = vs
	}
	if ctype != "" {
		req.Header.Set("Content-Type", ctype)
	}
	if r.Out != nil {
		req.Header.Set("Accept", "application/json")
	}
	req.Header.Set("User-Agent", "robusta-go")
	if c.Header != nil {
		c.Header(req.Header)
	}
	client := c.HTTP
	if client == nil {
		client = http.DefaultClient
	}
	resp, err := client.Do(req)
	if err != nil {
		if ue := (*url.Error)(nil); errors.As(err, &ue) { // it quotes the whole URL
			err = &url.Error{Op: ue.Op, URL: safe, Err: ue.Err}
		}
		if ctx.Err() != nil {
			return retry.Permanent(err)
		}
		return err
	}
	defer resp.Body.Close()
	check := c.Check
	if check == nil {
		check = CheckResponse
	}
	if err := check(resp, clock.Now()); err != nil {
		_, _ = io.Copy(io.Discard, io.LimitReader(resp.Body, 64<<10)) // lets the connection be reused
		return err
	}
	return read(resp, r)
}

// read takes the answer into r.Out and r.Raw.
func read(resp *http.Response, r Request) error {
	if r.Out == nil && r.Raw == nil {
		_, _ = io.Copy(io.Discard, io.LimitReader(resp.Body, 64<<10)) // lets the connection be reused
		return nil
	}
	b, err := io.ReadAll(io.LimitReader(resp.Body, maxBody))
	if err != nil {
		return fmt.Errorf("reading the answer: %w", err)
	}
	if r.Raw != nil {
		*r.Raw = b
	}
	if r.Out != nil {
		if err := json.Unmarshal(b, r.Out); err != nil {
			return retry.Permanent(fmt.Errorf("reading the answer (HTTP %d): %w", resp.StatusCode, err))
		}
	}
	return nil
}
