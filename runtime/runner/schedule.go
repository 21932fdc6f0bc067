package runner

import (
	"context"
	"fmt"
	"log/slog"
	"os"
	"strings"

	"k8s.io/client-go/kubernetes"

	"github.com/robusta-go/robusta/runtime/config"
	"github.com/robusta-go/robusta/runtime/schedule"
)

// namespaceFile is where a pod finds its namespace.
const namespaceFile = "/var/run/secrets/kubernetes.io/serviceaccount/namespace"

// runnerNamespace is the namespace the runner keeps its state in: the
// --namespace flag, else $POD_NAMESPACE, else the pod's namespace file,
// else "default".
func runnerNamespace(flag string, getenv func(string) string, file string) string {
	if flag != "" {
		return flag
	}
	if ns := getenv("POD_NAMESPACE"); ns != "" {
		return ns
	}
	if b, err := os.ReadFile(file); err == nil {
		if ns := strings.TrimSpace(string(b)); ns != "" {
			return ns
		}
	}
	return "default"
}

// startScheduler starts the on_schedule playbooks on sub, their state kept
// in a ConfigMap in namespace. want is the engine's number of scheduled
// playbooks, to check that the job indexes match its own.
func startScheduler(ctx context.Context, logger *slog.Logger, client kubernetes.Interface, namespace string,
	cfg *config.Config, want int, sub schedule.Submitter) (*schedule.Scheduler, error) {
	jobs, err := schedule.JobsFor(cfg.Playbooks)
	if err != nil {
		return nil, fmt.Errorf("scheduling: %w", err)
	}
	if len(jobs) != want {
		return nil, fmt.Errorf("scheduling: %d scheduled playbooks, the engine has %d", len(jobs), want)
	}
	store := &schedule.ConfigMapStore{Client: client, Namespace: namespace}
	s, err := schedule.New(jobs, sub, store, schedule.WithLogger(logger))
	if err != nil {
		return nil, fmt.Errorf("scheduling: %w", err)
	}
	if err := s.Start(ctx); err != nil {
		return nil, fmt.Errorf("scheduling: %w", err)
	}
	return s, nil
}
