package runner

import (
	"flag"
	"fmt"
	"net/http"
	"time"
)

// HTTPFlags bound what a client can hold of the runner: how long it may
// take to send a request, how large its headers may be, how many requests
// of each API endpoint run at once.
type HTTPFlags struct {
	ReadHeaderTimeout time.Duration
	ReadTimeout       time.Duration
	IdleTimeout       time.Duration
	MaxHeaderBytes    int
	MaxAlerts         int // concurrent POST /api/alerts
	MaxTriggers       int // concurrent POST /api/trigger
}

func (h *HTTPFlags) register(fs *flag.FlagSet) {
	fs.DurationVar(&h.ReadHeaderTimeout, "http-read-header-timeout", 10*time.Second, "time a client has to send a request's headers")
	fs.DurationVar(&h.ReadTimeout, "http-read-timeout", 30*time.Second, "time a client has to send a whole request, body included")
	fs.DurationVar(&h.IdleTimeout, "http-idle-timeout", 2*time.Minute, "how long an idle keep-alive connection stays open")
	fs.IntVar(&h.MaxHeaderBytes, "http-max-header-bytes", 64<<10, "largest request headers accepted")
	fs.IntVar(&h.MaxAlerts, "max-concurrent-alerts", 8, "POST /api/alerts requests handled at once; more get 503 with Retry-After")
	fs.IntVar(&h.MaxTriggers, "max-concurrent-triggers", 4, "POST /api/trigger requests handled at once; more get 429 with Retry-After")
}

func (h HTTPFlags) check() error {
	if h.ReadHeaderTimeout <= 0 || h.ReadTimeout <= 0 || h.IdleTimeout <= 0 || h.MaxHeaderBytes <= 0 {
		return fmt.Errorf("--http-read-header-timeout, --http-read-timeout, --http-idle-timeout and --http-max-header-bytes must be positive")
	}
	if h.MaxAlerts < 1 || h.MaxTriggers < 1 {
		return fmt.Errorf("--max-concurrent-alerts (%d) and --max-concurrent-triggers (%d) must be at least 1", h.MaxAlerts, h.MaxTriggers)
	}
	return nil
}

// newServer is an http.Server that no client can hold forever: net/http's
// zero values wait without limit for headers, bodies and idle
// connections, and accept 1 MiB of headers. write bounds the time from
// the end of the request's headers to the end of the answer: a manual run
// answers after its action, so the API's is the action timeout and more.
func newServer(h http.Handler, f HTTPFlags, write time.Duration) *http.Server {
	return &http.Server{
		Handler:           h,
		ReadHeaderTimeout: f.ReadHeaderTimeout,
		ReadTimeout:       f.ReadTimeout,
		WriteTimeout:      write,
		IdleTimeout:       f.IdleTimeout,
		MaxHeaderBytes:    f.MaxHeaderBytes,
	}
}
