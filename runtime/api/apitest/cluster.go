package apitest

import (
	"context"
	"fmt"
	"strings"
	"sync"

	"k8s.io/apimachinery/pkg/runtime"
	"k8s.io/client-go/kubernetes"
	"k8s.io/client-go/kubernetes/fake"

	"github.com/robusta-go/robusta/runtime/api"
)

// Cluster is an api.Cluster for tests: objects in client-go's fake
// clientset, logs and exec answers set per pod.
type Cluster struct {
	client *fake.Clientset

	mu    sync.Mutex
	logs  map[target]string
	execs map[target]ExecFunc
	calls []string
}

// ExecFunc answers a command run in a pod's container.
type ExecFunc func(command []string) (string, error)

// target is a pod's container; container "" matches any.
type target struct{ namespace, pod, container string }

var _ api.Cluster = (*Cluster)(nil)

// NewCluster returns a cluster holding objs (typed objects, as Object
// returns them).
func NewCluster(objs ...runtime.Object) *Cluster {
	return &Cluster{client: fake.NewClientset(objs...), logs: map[target]string{}, execs: map[target]ExecFunc{}}
}

// WithLogs sets the log of a pod's container ("" for every container).
func (c *Cluster) WithLogs(namespace, pod, container, log string) *Cluster {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.logs[target{namespace, pod, container}] = log
	return c
}

// WithExec sets how a pod's container ("" for every container) answers
// commands.
func (c *Cluster) WithExec(namespace, pod, container string, answer ExecFunc) *Cluster {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.execs[target{namespace, pod, container}] = answer
	return c
}

// Kubernetes implements api.Cluster.
func (c *Cluster) Kubernetes() kubernetes.Interface { return c.client }

// Logs implements api.Cluster: the log set with WithLogs, cut to
// opts.TailLines as the kubelet does.
func (c *Cluster) Logs(_ context.Context, namespace, pod string, opts api.LogOptions) (string, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.calls = append(c.calls, fmt.Sprintf("logs %s/%s container=%q previous=%v tail=%d", namespace, pod, opts.Container, opts.Previous, opts.TailLines))
	log, ok := c.logs[target{namespace, pod, opts.Container}]
	if !ok {
		log, ok = c.logs[target{namespace, pod, ""}]
	}
	if !ok {
		return "", fmt.Errorf("apitest: no log of pod %s/%s container %q: call Cluster.WithLogs", namespace, pod, opts.Container)
	}
	return tail(log, opts.TailLines), nil
}

// Exec implements api.Cluster with the answer set by WithExec.
func (c *Cluster) Exec(_ context.Context, namespace, pod string, opts api.ExecOptions) (string, error) {
	c.mu.Lock()
	c.calls = append(c.calls, fmt.Sprintf("exec %s/%s container=%q %q", namespace, pod, opts.Container, opts.Command))
	answer, ok := c.execs[target{namespace, pod, opts.Container}]
	if !ok {
		answer, ok = c.execs[target{namespace, pod, ""}]
	}
	c.mu.Unlock()
	if !ok {
		return "", fmt.Errorf("apitest: no exec answer for pod %s/%s container %q: call Cluster.WithExec", namespace, pod, opts.Container)
	}
	return answer(opts.Command)
}

// Calls lists the logs and exec calls the action made, in order, for
// tests of what it asked for.
func (c *Cluster) Calls() []string {
	c.mu.Lock()
	defer c.mu.Unlock()
	return append([]string(nil), c.calls...)
}

// tail keeps the last n lines of log; n <= 0 keeps all.
func tail(log string, n int64) string {
	if n <= 0 {
		return log
	}
	lines := strings.SplitAfter(log, "\n")
	if lines[len(lines)-1] == "" {
		lines = lines[:len(lines)-1]
	}
	if int64(len(lines)) > n {
		lines = lines[int64(len(lines))-n:]
	}
	return strings.Join(lines, "")
}
