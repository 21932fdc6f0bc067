package api

import (
	"context"
	"time"

	"k8s.io/client-go/kubernetes"
)

// Cluster is what the runner gives events to reach the cluster. Logs and
// exec go through the kubelet, which a test control plane does not have, so
// they sit behind this interface rather than behind the clientset alone.
type Cluster interface {
	// Kubernetes is the runner's typed client, for get, list and patch.
	Kubernetes() kubernetes.Interface
	// Logs returns a container's log.
	Logs(ctx context.Context, namespace, pod string, opts LogOptions) (string, error)
	// Exec runs a command in a container and returns its combined output.
	Exec(ctx context.Context, namespace, pod string, opts ExecOptions) (string, error)
}

// LogOptions selects which log GetLogs reads.
type LogOptions struct {
	Container string
	Previous  bool
	// TailLines limits the output to the last lines; 0 means all.
	TailLines int64
}

// LogOption changes LogOptions.
type LogOption func(*LogOptions)

// Container selects a container by name (default: the pod's first).
func Container(name string) LogOption { return func(o *LogOptions) { o.Container = name } }

// Previous reads the log of the previous, terminated container instance.
func Previous() LogOption { return func(o *LogOptions) { o.Previous = true } }

// TailLines keeps only the last n lines.
func TailLines(n int64) LogOption { return func(o *LogOptions) { o.TailLines = n } }

// ExecOptions describes a command to run in a container.
type ExecOptions struct {
	Container string
	Command   []string
	// Timeout bounds the command; 0 leaves it to the context.
	Timeout time.Duration
}
