package kube

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"net/http"
	"sync"

	corev1 "k8s.io/api/core/v1"
	"k8s.io/client-go/kubernetes"
	"k8s.io/client-go/kubernetes/scheme"
	"k8s.io/client-go/rest"
	"k8s.io/client-go/tools/remotecommand"
	// Not k8s.io/apimachinery/pkg/util/httpstream: client-go reports
	// upgrade failures with this package's error type.
	"k8s.io/streaming/pkg/httpstream"

	"github.com/robusta-go/robusta/runtime/api"
)

// Cluster is the runner's connection to the cluster.
type Cluster struct {
	config *rest.Config
	client kubernetes.Interface
}

var _ api.Cluster = (*Cluster)(nil)

// NewCluster connects with config.
func NewCluster(config *rest.Config) (*Cluster, error) {
	client, err := kubernetes.NewForConfig(config)
	if err != nil {
		return nil, fmt.Errorf("creating Kubernetes client: %w", err)
	}
	return &Cluster{config: config, client: client}, nil
}

// Kubernetes returns the typed client.
func (c *Cluster) Kubernetes() kubernetes.Interface { return c.client }

// Logs reads a container's log.
func (c *Cluster) Logs(ctx context.Context, namespace, pod string, o api.LogOptions) (string, error) {
	opts := &corev1.PodLogOptions{Container: o.Container, Previous: o.Previous}
	if o.TailLines > 0 {
		opts.TailLines = &o.TailLines
	}
	// Stream, as kubectl logs: DoRaw and Do do not decode the API server's
	// Status from a log request, and the error would lose its message
	// ("pods x not found", the kubelet's).
	r, err := c.client.CoreV1().Pods(namespace).GetLogs(pod, opts).Stream(ctx)
	if err != nil {
		return "", fmt.Errorf("reading log of %s/%s: %w", namespace, pod, err)
	}
	defer r.Close()
	// Never read a log whole into memory: a chatty container writes
	// gigabytes. Keep its end, where a crash explains itself, as Robusta
	// and the Slack sink do.
	b, cut, err := lastBytes(r, MaxLogBytes)
	if err != nil {
		return "", fmt.Errorf("reading log of %s/%s: %w", namespace, pod, err)
	}
	if cut > 0 {
		return fmt.Sprintf(logCutMarker, cut) + string(b), nil
	}
	return string(b), nil
}

// logCutMarker starts a log whose beginning was cut.
const logCutMarker = "[log truncated: the first %d bytes are not shown]\n"

// lastBytes reads r to its end and returns its last max bytes, starting at
// a line when one starts in them, and how many bytes it left out. It holds
// at most twice max, whatever r's length.
func lastBytes(r io.Reader, max int) ([]byte, int64, error) {
	buf := make([]byte, 0, 2*max)
	var cut int64
	for {
		if len(buf) == cap(buf) {
			drop := len(buf) - max
			cut += int64(drop)
			buf = append(buf[:0], buf[drop:]...)
		}
		n, err := r.Read(buf[len(buf):cap(buf)])
		buf = buf[:len(buf)+n]
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, 0, err
		}
	}
	if len(buf) > max {
		drop := len(buf) - max
		cut += int64(drop)
		buf = buf[drop:]
	}
	if cut > 0 {
		// A partial first line reads as garbage; start at the next one.
		if i := bytes.IndexByte(buf, '\n'); i >= 0 && i < len(buf)-1 {
			cut += int64(i + 1)
			buf = buf[i+1:]
		}
	}
	return buf, cut, nil
}

// Output bounds: Robusta's max_log_file_limit_kb default (1000 KB) for
// logs, whose end is kept, and 1 MiB for a command's output, whose start is
// kept. A marker says what was cut, so a reader sees the output is not
// whole.
const (
	MaxLogBytes  = 1000 << 10
	MaxExecBytes = 1 << 20
)

const truncatedMarker = "\n[output truncated at %d bytes]\n"

// Exec runs a command in a container over the API server's exec endpoint,
// by WebSocket, falling back to SPDY for API servers older than 1.30.
func (c *Cluster) Exec(ctx context.Context, namespace, pod string, o api.ExecOptions) (string, error) {
	if o.Timeout > 0 {
		var cancel context.CancelFunc
		ctx, cancel = context.WithTimeout(ctx, o.Timeout)
		defer cancel()
	}
	req := c.client.CoreV1().RESTClient().Post().Resource("pods").Namespace(namespace).Name(pod).SubResource("exec").
		VersionedParams(&corev1.PodExecOptions{Container: o.Container, Command: o.Command, Stdout: true, Stderr: true}, scheme.ParameterCodec)
	ws, err := remotecommand.NewWebSocketExecutor(c.config, http.MethodGet, req.URL().String())
	if err != nil {
		return "", fmt.Errorf("exec in %s/%s: %w", namespace, pod, err)
	}
	spdy, err := remotecommand.NewSPDYExecutor(c.config, http.MethodPost, req.URL())
	if err != nil {
		return "", fmt.Errorf("exec in %s/%s: %w", namespace, pod, err)
	}
	// Fall back only when the server cannot upgrade to WebSocket, as kubectl.
	exec, err := remotecommand.NewFallbackExecutor(ws, spdy, func(err error) bool {
		return httpstream.IsUpgradeFailure(err) || httpstream.IsHTTPSProxyError(err)
	})
	if err != nil {
		return "", fmt.Errorf("exec in %s/%s: %w", namespace, pod, err)
	}
	// Stdout and stderr share one buffer, so the output reads as a terminal
	// would show it.
	out := syncBuffer{max: MaxExecBytes}
	err = exec.StreamWithContext(ctx, remotecommand.StreamOptions{Stdout: &out, Stderr: &out})
	if err != nil {
		return out.String(), fmt.Errorf("exec %q in %s/%s: %w", o.Command, namespace, pod, err)
	}
	return out.String(), nil
}

// syncBuffer is a bytes.Buffer safe for the two goroutines remotecommand
// copies stdout and stderr with.
// It keeps at most max bytes and drops the rest, still taking it, so that
// the command runs to its end rather than failing on a closed stream.
type syncBuffer struct {
	mu      sync.Mutex
	buf     bytes.Buffer
	max     int
	dropped bool
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	if room := b.max - b.buf.Len(); len(p) > room {
		b.buf.Write(p[:max(room, 0)])
		b.dropped = true
		return len(p), nil
	}
	return b.buf.Write(p)
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	if b.dropped {
		return b.buf.String() + fmt.Sprintf(truncatedMarker, b.max)
	}
	return b.buf.String()
}
