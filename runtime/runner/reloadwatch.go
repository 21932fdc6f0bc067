package runner

import (
	"context"
	"crypto/sha256"
	"fmt"
	"log/slog"
	"net/http"
	"os"
	"path/filepath"
	"sync"
	"sync/atomic"

	"github.com/fsnotify/fsnotify"
	"github.com/prometheus/client_golang/prometheus"

	"github.com/robusta-go/robusta/runtime/manual"
)

type reloadSignalKey struct{}

// WithReloadSignal returns a context from which Run takes its reload
// requests: each value on ch re-reads the config file and applies it, as
// a change of the file does, even when its bytes are unchanged (the
// environment it substitutes may have changed). Main passes SIGHUP's
// channel; a test passes its own, so that it never signals the process.
func WithReloadSignal(ctx context.Context, ch <-chan os.Signal) context.Context {
	return context.WithValue(ctx, reloadSignalKey{}, ch)
}

func reloadSignal(ctx context.Context) <-chan os.Signal {
	ch, _ := ctx.Value(reloadSignalKey{}).(<-chan os.Signal)
	return ch
}

// reloader is what config reloads keep between them (reload.go).
type reloader struct {
	last    [sha256.Size]byte // of the content last tried, valid or not
	total   *prometheus.CounterVec
	watcher *fsnotify.Watcher // nil if it could not start
	// poke says something changed in the config's directory; one pending
	// poke stands for any number, since a reload reads the file anew.
	poke chan struct{}
	hup  <-chan os.Signal

	retiring sync.WaitGroup // old engines waiting to close removed sinks
	trigger  atomic.Pointer[http.Handler]
	manual   *manual.Metrics
	received *prometheus.CounterVec
	dropped  *prometheus.CounterVec
	watched  map[string]bool // kinds and custom resource keys informed on
	extra    []informers     // those started by reloads, for what they added
	intake   context.Context // nil until intake starts
}

func newReloader(ctx context.Context, reg prometheus.Registerer, hash [sha256.Size]byte) *reloader {
	total := prometheus.NewCounterVec(prometheus.CounterOpts{
		Name: "robusta_config_reloads_total",
		Help: "Config reloads (file change or SIGHUP), by result: success, or failure with the running config kept.",
	}, []string{"result"})
	reg.MustRegister(total)
	total.WithLabelValues("success")
	total.WithLabelValues("failure")
	return &reloader{last: hash, total: total, poke: make(chan struct{}, 1), hup: reloadSignal(ctx), watched: map[string]bool{}}
}

// watch watches the config file's directory, not the file: Kubernetes
// updates a mounted ConfigMap by writing a new timestamped directory and
// renaming the ..data symlink onto it, so the file itself never changes
// and a watch on it (on the inode it resolved to) would see nothing, or
// lose the file. Any event in the directory pokes; the reload reads the
// file and compares its hash with the last one tried, so the several
// events of one swap (and a chmod) cost one reload, without waiting a
// debounce delay that a fast second edit could still beat. A watch that
// cannot start leaves SIGHUP.
func (r *reloader) watch(path string, logger *slog.Logger) {
	w, err := fsnotify.NewWatcher()
	if err == nil {
		if err = w.Add(filepath.Dir(path)); err != nil {
			_ = w.Close()
		}
	}
	if err != nil {
		logger.Error("not watching the config file: reload it with SIGHUP", "file", path, "error", fmt.Errorf("watching %s: %w", filepath.Dir(path), err).Error())
		return
	}
	r.watcher = w
	go func() {
		for {
			select {
			case _, ok := <-w.Events:
				if !ok {
					return
				}
				r.pokeNow()
			case err, ok := <-w.Errors:
				if !ok {
					return
				}
				// An overflow lost events: read the file anyway.
				logger.Warn("watching the config file", "file", path, "error", err.Error())
				r.pokeNow()
			}
		}
	}()
	// A change between the first read and the watch would go unseen.
	r.pokeNow()
}

func (r *reloader) pokeNow() {
	select {
	case r.poke <- struct{}{}:
	default: // one is pending already
	}
}

// ServeHTTP serves the manual trigger of the config in force.
func (r *reloader) ServeHTTP(w http.ResponseWriter, req *http.Request) {
	(*r.trigger.Load()).ServeHTTP(w, req)
}

// stop stops the watch and the informers reloads started.
func (r *reloader) stop() {
	if r.watcher != nil {
		_ = r.watcher.Close()
	}
	for _, s := range r.extra {
		s.Shutdown()
	}
}
