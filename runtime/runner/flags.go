package runner

import (
	"flag"
	"fmt"
	"io"
	"time"
)

// Flags are the runner's command-line options (design Contract 4).
type Flags struct {
	Config        string
	Kubeconfig    string
	Listen        string
	Workers       int
	QueueSize     int
	ActionTimeout time.Duration
	Grace         time.Duration
	// Namespace holds the runner's state (the schedules' ConfigMap); empty:
	// $POD_NAMESPACE, else the pod's namespace, else "default".
	Namespace       string
	AlertsTokenFile string
	// TriggerTokenFile holds the bearer token of POST /api/trigger.
	TriggerTokenFile string
}

func parseFlags(args []string, stderr io.Writer) (Flags, error) {
	var f Flags
	fs := flag.NewFlagSet("robusta-runner", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.StringVar(&f.Config, "config", "", "values file with customPlaybooks, sinksConfig and globalConfig (required)")
	fs.StringVar(&f.Kubeconfig, "kubeconfig", "", "kubeconfig file; default: in-cluster config in a pod, else $KUBECONFIG or ~/.kube/config")
	fs.StringVar(&f.Listen, "listen", ":5000", "address for /healthz, /readyz, /metrics and the API")
	fs.IntVar(&f.Workers, "workers", 8, "events processed at once")
	fs.IntVar(&f.QueueSize, "queue-size", 128, "events queued per worker before intake waits")
	fs.DurationVar(&f.ActionTimeout, "action-timeout", 2*time.Minute, "longest an action may run")
	fs.DurationVar(&f.Grace, "shutdown-grace", 30*time.Second, "time queued and running actions get to finish on shutdown")
	fs.StringVar(&f.AlertsTokenFile, "alerts-token-file", "", "file holding the bearer token POST /api/alerts requires (Alertmanager http_config.authorization); empty: no token")
	fs.StringVar(&f.Namespace, "namespace", "", "namespace of the runner's state (ConfigMap robusta-scheduled-jobs); default $POD_NAMESPACE, else the pod's namespace, else default")
	fs.StringVar(&f.TriggerTokenFile, "trigger-token-file", "", "file holding the bearer token POST /api/trigger requires; empty: $ROBUSTA_TRIGGER_TOKEN, and no token when that is unset")
	if err := fs.Parse(args); err != nil {
		return f, err
	}
	if f.Config == "" {
		return f, fmt.Errorf("--config is required")
	}
	if fs.NArg() > 0 {
		return f, fmt.Errorf("unexpected arguments: %v", fs.Args())
	}
	return f, nil
}
