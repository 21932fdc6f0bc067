package record

import (
	"context"
	"fmt"
	"net/http"
	"time"

	"k8s.io/client-go/kubernetes"
	"k8s.io/client-go/rest"

	"github.com/robusta-go/robusta/runtime/api"
)

// Cluster is the cluster the engine gives actions while recording: inner's
// logs, exec and typed client, with every answer recorded, so that a
// replay gives the actions what they read. Its typed client is its own,
// from the same rest config, so that the informers' traffic (through
// inner's client) is not recorded.
type Cluster struct {
	inner  api.Cluster
	client kubernetes.Interface
	w      *Writer
}

var _ api.Cluster = (*Cluster)(nil)

// NewCluster records the answers inner and a client on cfg give.
func NewCluster(inner api.Cluster, cfg *rest.Config, w *Writer) (*Cluster, error) {
	c := rest.CopyConfig(cfg)
	// JSON, not client-go's protobuf default: the answers are written
	// redacted, as JSON, and read back by the replay's decoder.
	c.ContentType, c.AcceptContentTypes = "application/json", "application/json"
	c.Wrap(func(rt http.RoundTripper) http.RoundTripper { return &readRecorder{next: rt, w: w} })
	client, err := kubernetes.NewForConfig(c)
	if err != nil {
		return nil, fmt.Errorf("creating the recorded client: %w", err)
	}
	return &Cluster{inner: inner, client: client, w: w}, nil
}

// Kubernetes implements api.Cluster.
func (c *Cluster) Kubernetes() kubernetes.Interface { return c.client }

// Logs implements api.Cluster.
func (c *Cluster) Logs(ctx context.Context, namespace, pod string, opts api.LogOptions) (string, error) {
	now := time.Now().UTC()
	out, err := c.inner.Logs(ctx, namespace, pod, opts)
	rec := &Logs{Namespace: namespace, Pod: pod, Container: opts.Container, Previous: opts.Previous, TailLines: opts.TailLines, Output: out}
	if err != nil {
		rec.Error = err.Error()
	}
	c.w.Write(Record{Type: TypeLogs, Time: now, Logs: rec})
	return out, err
}

// Exec implements api.Cluster.
func (c *Cluster) Exec(ctx context.Context, namespace, pod string, opts api.ExecOptions) (string, error) {
	now := time.Now().UTC()
	out, err := c.inner.Exec(ctx, namespace, pod, opts)
	rec := &Exec{Namespace: namespace, Pod: pod, Container: opts.Container, Command: opts.Command, Output: out}
	if err != nil {
		rec.Error = err.Error()
	}
	c.w.Write(Record{Type: TypeExec, Time: now, Exec: rec})
	return out, err
}
