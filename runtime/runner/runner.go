package runner

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"os"
	"os/signal"
	"syscall"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"k8s.io/client-go/rest"
	"k8s.io/client-go/tools/clientcmd"

	"github.com/robusta-go/robusta/runtime/config"
	"github.com/robusta-go/robusta/runtime/engine"
	"github.com/robusta-go/robusta/runtime/kinds"
	"github.com/robusta-go/robusta/runtime/kube"
	"github.com/robusta-go/robusta/runtime/manual"
	"github.com/robusta-go/robusta/runtime/registry"
)

// Main runs the runner with the given playbook packages and exits.
func Main(pkgs ...registry.Package) {
	ctx, stop := signal.NotifyContext(context.Background(), syscall.SIGTERM, os.Interrupt)
	defer stop()
	if err := Run(ctx, os.Args[1:], os.Stderr, pkgs...); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}

// Run runs until ctx is done, then shuts down cleanly. Logs go to logOut as
// JSON lines.
func Run(ctx context.Context, args []string, logOut io.Writer, pkgs ...registry.Package) error {
	flags, err := parseFlags(args, logOut)
	if err != nil {
		return err
	}
	logger := slog.New(slog.NewJSONHandler(logOut, nil))
	actions, err := registry.NewSet(pkgs...)
	if err != nil {
		return err
	}
	data, err := os.ReadFile(flags.Config)
	if err != nil {
		return fmt.Errorf("reading config: %w", err)
	}
	cfg, err := config.Load(flags.Config, data, actions)
	if err != nil {
		return err // every problem, one per line
	}
	triggerToken, err := manual.LoadToken(flags.TriggerTokenFile)
	if err != nil {
		return err
	}
	token, err := alertsToken(flags)
	if err != nil {
		return err
	}
	restConfig, err := restConfig(flags.Kubeconfig)
	if err != nil {
		return err
	}
	cluster, err := kube.NewCluster(restConfig)
	if err != nil {
		return err
	}

	reg := prometheus.NewRegistry()
	reg.MustRegister(collectors.NewGoCollector(), collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}))
	eng, err := engine.New(cfg, engine.WithLogger(logger), engine.WithCluster(cluster), engine.WithMetrics(engine.NewMetrics(reg)),
		engine.WithWorkers(flags.Workers), engine.WithQueueSize(flags.QueueSize), engine.WithActionTimeout(flags.ActionTimeout))
	if err != nil {
		return err
	}
	pool := eng.Start(ctx)
	reg.MustRegister(prometheus.NewGaugeFunc(prometheus.GaugeOpts{
		Name: "robusta_queue_depth", Help: "Events waiting for a worker.",
	}, func() float64 { return float64(pool.Depth()) }))

	received := kube.NewReceivedCounter()
	reg.MustRegister(received)
	intake, stopIntake := context.WithCancel(ctx)
	defer stopIntake()
	source, err := kube.NewSource(cluster.Kubernetes(), watchedKinds(eng), pool, kube.WithSourceLogger(logger), kube.WithReceived(received))
	if err != nil {
		return err
	}
	source.Start(intake)
	sched, err := startScheduler(intake, logger, cluster.Kubernetes(), runnerNamespace(flags.Namespace, os.Getenv, namespaceFile), cfg, len(eng.Schedules()), pool)
	if err != nil {
		return err
	}
	defer sched.Stop()

	ln, err := net.Listen("tcp", flags.Listen)
	if err != nil {
		return fmt.Errorf("listening: %w", err)
	}
	srv := &http.Server{Handler: handler(reg, source.Synced, map[string]http.Handler{
		alertsPath:  alertsHandler(token, cluster, pool, logger),
		triggerPath: triggerHandler(triggerToken, actions, cfg, cluster, eng, logger),
	})}
	serveErr := make(chan error, 1)
	go func() { serveErr <- srv.Serve(ln) }()
	logger.Info("runner started", "listen", ln.Addr().String(), "playbooks", len(cfg.Playbooks), "sinks", len(cfg.Sinks), "kinds", eng.Kinds())

	select {
	case <-ctx.Done():
	case err := <-serveErr:
		return fmt.Errorf("serving HTTP: %w", err)
	}
	sched.Stop() // no new runs while draining
	return shutdown(logger, flags, stopIntake, source, srv, pool, eng)
}

func shutdown(logger *slog.Logger, flags Flags, stopIntake func(), source *kube.Source, srv *http.Server, pool *engine.Pool, eng *engine.Engine) error {
	stopIntake()
	source.Shutdown()
	logger.Info("shutting down: intake stopped, draining", "grace", flags.Grace.String())
	grace, cancel := context.WithTimeout(context.Background(), flags.Grace)
	defer cancel()
	var errs []error
	// HTTP first: /api/alerts and /api/trigger are intake too, and a
	// manual run in flight still routes findings to the sinks.
	if err := srv.Shutdown(grace); err != nil {
		errs = append(errs, fmt.Errorf("stopping HTTP: %w", err))
	}
	if err := pool.Stop(grace); err != nil {
		errs = append(errs, fmt.Errorf("draining: %w", err))
	}
	if err := eng.Close(grace); err != nil {
		errs = append(errs, err)
	}
	if err := errors.Join(errs...); err != nil {
		return err
	}
	logger.Info("runner stopped")
	return nil
}

// watchedKinds are the kinds to inform on: those with a typed trigger, or
// all of them when a playbook listens to any resource.
func watchedKinds(eng *engine.Engine) []kinds.Kind {
	if eng.WantsAnyResource() {
		return kinds.All
	}
	var ks []kinds.Kind
	for _, name := range eng.Kinds() {
		for _, k := range kinds.All {
			if k.Name == name {
				ks = append(ks, k)
			}
		}
	}
	return ks
}

// restConfig uses the in-cluster config in a pod unless a kubeconfig is
// given, and the usual kubeconfig rules otherwise.
func restConfig(kubeconfig string) (*rest.Config, error) {
	if kubeconfig == "" {
		if c, err := rest.InClusterConfig(); err == nil {
			return c, nil
		} else if !errors.Is(err, rest.ErrNotInCluster) {
			return nil, fmt.Errorf("in-cluster config: %w", err)
		}
	}
	rules := clientcmd.NewDefaultClientConfigLoadingRules()
	rules.ExplicitPath = kubeconfig
	c, err := clientcmd.NewNonInteractiveDeferredLoadingClientConfig(rules, nil).ClientConfig()
	if err != nil {
		return nil, fmt.Errorf("loading kubeconfig: %w", err)
	}
	return c, nil
}
