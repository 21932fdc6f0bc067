package runner

import (
	"flag"
	"fmt"
	"io"
	"strings"
	"time"
)

// Flags are the runner's command-line options (design Contract 4).
type Flags struct {
	Config     string
	Kubeconfig string
	// Listen serves the API (POST /api/alerts, /api/trigger); MetricsListen
	// the probes and /metrics, on a port of their own so that a
	// NetworkPolicy can admit Alertmanager to one and Prometheus to the
	// other.
	Listen        string
	MetricsListen string
	Workers       int
	QueueSize     int
	ActionTimeout time.Duration
	// Grace bounds the drain of queued and running actions; HTTPGrace
	// and FlushGrace bound the phases before and after it, each on its
	// own, so that a slow client cannot eat the sinks' time.
	Grace      time.Duration
	HTTPGrace  time.Duration
	FlushGrace time.Duration
	// Namespace holds the runner's state (the schedules' ConfigMap, the
	// leader election Lease); empty: $POD_NAMESPACE, else the pod's
	// namespace, else "default".
	Namespace       string
	AlertsTokenFile string
	// AlertsOpen serves POST /api/alerts without a token; without it and
	// without a token the endpoint answers 403.
	AlertsOpen bool
	// TriggerTokenFile holds the bearer token of POST /api/trigger, which
	// answers 403 without one.
	TriggerTokenFile string
	// TriggerActions are actions a manual run may use besides the config's.
	TriggerActions []string
	HTTP           HTTPFlags
	// KubeQPS and KubeBurst are the API server client's rate limit.
	KubeQPS   float64
	KubeBurst int
	// Version prints the build as one JSON line instead of running.
	Version bool
	// Election configures --leader-elect.
	Election ElectionFlags
	// Record appends every input, and the answers the actions' cluster
	// reads got, to this file (package record); "" records nothing.
	Record string
}

// ElectionFlags configure leader election among replicas: the client-go
// defaults, settable so that tests (and slow API servers) can change them.
type ElectionFlags struct {
	Enabled       bool
	LeaseName     string
	LeaseDuration time.Duration
	RenewDeadline time.Duration
	RetryPeriod   time.Duration
}

func parseFlags(args []string, stderr io.Writer) (Flags, error) {
	var f Flags
	fs := flag.NewFlagSet("robusta-runner", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.StringVar(&f.Config, "config", "", "values file with customPlaybooks, sinksConfig and globalConfig (required)")
	fs.StringVar(&f.Kubeconfig, "kubeconfig", "", "kubeconfig file; default: in-cluster config in a pod, else $KUBECONFIG or ~/.kube/config")
	fs.StringVar(&f.Listen, "listen", ":5000", "address of the API: POST /api/alerts and /api/trigger")
	fs.StringVar(&f.MetricsListen, "metrics-listen", ":9090", "address of /healthz, /readyz and /metrics")
	fs.IntVar(&f.Workers, "workers", 8, "events processed at once")
	fs.IntVar(&f.QueueSize, "queue-size", 128, "events queued per worker before intake waits")
	fs.DurationVar(&f.ActionTimeout, "action-timeout", 2*time.Minute, "longest an action may run")
	fs.DurationVar(&f.Grace, "shutdown-grace", 30*time.Second, "time queued and running actions get to finish on shutdown")
	fs.DurationVar(&f.HTTPGrace, "shutdown-http-timeout", 5*time.Second, "time requests in flight get on shutdown before their connections are closed")
	fs.DurationVar(&f.FlushGrace, "shutdown-flush-timeout", 10*time.Second, "time the sinks get on shutdown, after the drain, to send what they hold")
	fs.StringVar(&f.AlertsTokenFile, "alerts-token-file", "", "file holding the bearer token POST /api/alerts requires (Alertmanager http_config.authorization); empty: the endpoint answers 403 unless --alerts-allow-unauthenticated")
	fs.BoolVar(&f.AlertsOpen, "alerts-allow-unauthenticated", false, "serve POST /api/alerts without a token: anything that reaches the port can inject alerts")
	fs.StringVar(&f.Namespace, "namespace", "", "namespace of the runner's state (ConfigMap robusta-scheduled-jobs, the leader election Lease); default $POD_NAMESPACE, else the pod's namespace, else default")
	fs.StringVar(&f.TriggerTokenFile, "trigger-token-file", "", "file holding the bearer token POST /api/trigger requires; empty: $ROBUSTA_TRIGGER_TOKEN; with neither, the endpoint answers 403")
	fs.Func("trigger-allow-actions", "comma-separated actions POST /api/trigger may run besides those of the config (repeatable)", func(v string) error {
		for n := range strings.SplitSeq(v, ",") {
			if n = strings.TrimSpace(n); n != "" {
				f.TriggerActions = append(f.TriggerActions, n)
			}
		}
		return nil
	})
	fs.Float64Var(&f.KubeQPS, "kube-api-qps", 20, "requests per second to the API server, sustained (client-go's QPS)")
	fs.IntVar(&f.KubeBurst, "kube-api-burst", 40, "requests to the API server in a burst above --kube-api-qps")
	f.HTTP.register(fs)
	fs.StringVar(&f.Record, "record", "", "append every input (changes, alerts, schedule ticks, manual runs) and the answers to the actions' reads to this file as JSON lines, Secret values redacted, for robusta-gen replay")
	fs.BoolVar(&f.Version, "version", false, "print the build (version, revision, source, Go version, actions) as one JSON line and exit")
	e := &f.Election
	fs.BoolVar(&e.Enabled, "leader-elect", false, "run only while holding a Lease, so that of several replicas one takes events; the others wait, not ready")
	fs.StringVar(&e.LeaseName, "leader-election-id", "robusta-runner", "name of the leader election Lease, in the runner's namespace")
	fs.DurationVar(&e.LeaseDuration, "leader-election-lease-duration", 15*time.Second, "how long a replica waits, after the leader's last renewal, before it takes the Lease")
	fs.DurationVar(&e.RenewDeadline, "leader-election-renew-deadline", 10*time.Second, "how long the leader retries renewing before it gives up leadership and exits")
	fs.DurationVar(&e.RetryPeriod, "leader-election-retry-period", 2*time.Second, "how often replicas try to take or renew the Lease")
	fs.Usage = func() {
		fmt.Fprintf(fs.Output(), "Usage: robusta-runner --config FILE [flags]\n       robusta-runner replay --events FILE --config FILE [--json] (see robusta-runner replay -h)\n")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		return f, err
	}
	if fs.NArg() > 0 {
		return f, fmt.Errorf("unexpected arguments: %v", fs.Args())
	}
	if f.Version {
		return f, nil // needs nothing else
	}
	if f.Config == "" {
		return f, fmt.Errorf("--config is required")
	}
	if err := f.check(); err != nil {
		return f, err
	}
	if e.Enabled {
		if err := e.check(); err != nil {
			return f, err
		}
	}
	return f, nil
}

// check states client-go's constraints on the timings (NewLeaderElector
// checks them too, but names no flag).
func (e ElectionFlags) check() error {
	switch {
	case e.LeaseName == "":
		return fmt.Errorf("--leader-election-id must not be empty")
	case e.RetryPeriod <= 0:
		return fmt.Errorf("--leader-election-retry-period must be positive")
	// client-go jitters the retry period by up to 1.2 times.
	case e.RenewDeadline <= e.RetryPeriod*12/10:
		return fmt.Errorf("--leader-election-renew-deadline (%s) must be longer than 1.2 × --leader-election-retry-period (%s)", e.RenewDeadline, e.RetryPeriod)
	case e.LeaseDuration <= e.RenewDeadline:
		return fmt.Errorf("--leader-election-lease-duration (%s) must be longer than --leader-election-renew-deadline (%s)", e.LeaseDuration, e.RenewDeadline)
	}
	return nil
}

// check rejects values that would make the runner hang or spin rather
// than fail: a zero budget, a non-positive rate.
func (f Flags) check() error {
	switch {
	case f.Listen == f.MetricsListen && !strings.HasSuffix(f.Listen, ":0"):
		return fmt.Errorf("--listen and --metrics-listen must differ (both %s): the API and the metrics have a port each", f.Listen)
	case f.HTTPGrace <= 0 || f.FlushGrace <= 0 || f.Grace < 0:
		return fmt.Errorf("--shutdown-http-timeout and --shutdown-flush-timeout must be positive, --shutdown-grace not negative")
	case f.KubeQPS <= 0 || f.KubeBurst <= 0:
		return fmt.Errorf("--kube-api-qps (%g) and --kube-api-burst (%d) must be positive", f.KubeQPS, f.KubeBurst)
	}
	return f.HTTP.check()
}
