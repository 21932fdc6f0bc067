package retry_test

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"sync"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/robusta-go/robusta/runtime/sink/retry"
	"github.com/robusta-go/robusta/runtime/sink/retry/retrytest"
)

// TestDoCountsRetriesByReason drives Do against a real server that answers
// 429, 503, then drops the connection, then 200: the counter in the context
// hears one retry of each reason, in order, and nothing for the success.
func TestDoCountsRetriesByReason(t *testing.T) {
	var mu sync.Mutex
	n := 0
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		n++
		i := n
		mu.Unlock()
		switch i {
		case 1:
			w.Header().Set("Retry-After", "1")
			w.WriteHeader(http.StatusTooManyRequests)
		case 2:
			w.Header().Set("Retry-After", "1") // a 5xx stays server_error even with a hint
			w.WriteHeader(http.StatusServiceUnavailable)
		case 3:
			conn, _, err := w.(http.Hijacker).Hijack()
			if err != nil {
				t.Error(err)
				return
			}
			conn.Close() // no answer at all
		default:
			w.WriteHeader(http.StatusOK)
		}
	}))
	defer srv.Close()

	var got []string
	ctx := retry.WithCounter(context.Background(), func(reason string) { got = append(got, reason) })
	clock := retrytest.NewClock(epoch)
	client := srv.Client()
	// Keep-alives off: the hijacked connection must not be one a later
	// attempt reuses.
	client.Transport.(*http.Transport).DisableKeepAlives = true
	err := retry.Do(ctx, retry.Policy{Clock: clock, Rand: half}, func(ctx context.Context) error {
		req, err := http.NewRequestWithContext(ctx, http.MethodPost, srv.URL, nil)
		if err != nil {
			return retry.Permanent(err)
		}
		resp, err := client.Do(req)
		if err != nil {
			return err
		}
		defer resp.Body.Close()
		return retry.CheckResponse(resp, clock.Now())
	})
	if err != nil {
		t.Fatal(err)
	}
	want := []string{retry.ReasonRateLimited, retry.ReasonServerError, retry.ReasonNetwork}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("reasons counted (-want +got):\n%s", diff)
	}
}

// TestDoCountsNothingWithoutRetry: a success, a permanent failure and the
// give-up after the last attempt are no retries.
func TestDoCountsNothingWithoutRetry(t *testing.T) {
	var got []string
	ctx := retry.WithCounter(context.Background(), func(reason string) { got = append(got, reason) })
	p := retry.Policy{Attempts: 1, Clock: retrytest.NewClock(epoch)}
	_ = retry.Do(ctx, p, func(context.Context) error { return nil })
	_ = retry.Do(ctx, p, func(context.Context) error { return retry.Permanent(errors.New("400")) })
	_ = retry.Do(ctx, p, func(context.Context) error { return errors.New("boom") })
	if len(got) != 0 {
		t.Errorf("counted %v, want nothing", got)
	}
}

// statusCoded is an error of another client that carries its status, as
// slack-go's StatusCodeError does.
type statusCoded int

func (s statusCoded) Error() string       { return fmt.Sprintf("status %d", int(s)) }
func (s statusCoded) HTTPStatusCode() int { return int(s) }

func TestReason(t *testing.T) {
	for _, c := range []struct {
		name string
		err  error
		want string
	}{
		{"429", &retry.StatusError{Code: 429}, retry.ReasonRateLimited},
		{"429 with Retry-After", retry.After(&retry.StatusError{Code: 429}, 1), retry.ReasonRateLimited},
		{"503 with Retry-After", retry.After(&retry.StatusError{Code: 503}, 1), retry.ReasonServerError},
		{"500", &retry.StatusError{Code: 500}, retry.ReasonServerError},
		{"408", &retry.StatusError{Code: 408}, retry.ReasonServerError},
		{"another client's 429", fmt.Errorf("posting: %w", statusCoded(429)), retry.ReasonRateLimited},
		{"another client's 502", statusCoded(502), retry.ReasonServerError},
		{"After from a body", retry.After(errors.New("ratelimited"), 1), retry.ReasonRateLimited},
		{"refused", fmt.Errorf("posting: %w", &netErr{}), retry.ReasonNetwork},
		{"error read from a body", errors.New("internal_error"), retry.ReasonServerError},
	} {
		if got := retry.Reason(c.err); got != c.want {
			t.Errorf("%s: Reason(%v) = %q, want %q", c.name, c.err, got, c.want)
		}
	}
}

type netErr struct{}

func (*netErr) Error() string   { return "connection refused" }
func (*netErr) Timeout() bool   { return false }
func (*netErr) Temporary() bool { return false }
