package runner

import (
	"context"
	"crypto/sha256"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"os"
	"os/signal"
	"syscall"

	"k8s.io/client-go/rest"
	"k8s.io/client-go/tools/clientcmd"

	"github.com/robusta-go/robusta/runtime/buildinfo"
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
	hup := make(chan os.Signal, 1)
	signal.Notify(hup, syscall.SIGHUP)
	ctx = WithReloadSignal(ctx, hup)
	if err := Run(ctx, os.Args[1:], os.Stderr, pkgs...); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}

// Run runs until ctx is done, then shuts down cleanly. Logs go to logOut as
// JSON lines. With --version it writes the build to standard output
// instead, as one JSON line, and returns. With the first argument
// "replay" it replays a recording instead (Replay), findings to standard
// output.
func Run(ctx context.Context, args []string, logOut io.Writer, pkgs ...registry.Package) error {
	if len(args) > 0 && args[0] == replayCommand {
		return Replay(ctx, args[1:], os.Stdout, logOut, pkgs...)
	}
	flags, err := parseFlags(args, logOut)
	if err != nil {
		return err
	}
	actions, err := registry.NewSet(pkgs...)
	if err != nil {
		return err
	}
	if flags.Version {
		return writeVersion(os.Stdout, actions)
	}
	s, err := load(flags, actions, slog.New(slog.NewJSONHandler(logOut, nil)))
	if err != nil {
		return err
	}
	p, err := start(ctx, s)
	if err != nil {
		return err // start shut down what it had started
	}
	return closeRecording(p.recording, p.shutdown(p.wait(ctx)))
}

// settings are what a run needs before it starts anything: loaded and
// checked first, so that a bad values file fails before any connection.
type settings struct {
	flags        Flags
	logger       *slog.Logger
	build        buildinfo.Info
	actions      *registry.Set
	cfg          *config.Config
	cfgHash      [sha256.Size]byte // of the file cfg was loaded from
	rest         *rest.Config      // the cluster's, for clients of their own
	cluster      *kube.Cluster
	namespace    string // of the runner's state: schedules, Lease
	alertsToken  string
	triggerToken string
	allowed      []string // actions POST /api/trigger may run
}

func load(flags Flags, actions *registry.Set, logger *slog.Logger) (settings, error) {
	s := settings{flags: flags, logger: logger, build: buildinfo.Get(), actions: actions,
		namespace: runnerNamespace(flags.Namespace, os.Getenv, namespaceFile)}
	data, err := os.ReadFile(flags.Config)
	if err != nil {
		return s, fmt.Errorf("reading config: %w", err)
	}
	s.cfgHash = sha256.Sum256(data)
	if s.cfg, err = config.Load(flags.Config, data, actions, config.WithLogger(logger)); err != nil {
		return s, err // every problem, one per line
	}
	if s.triggerToken, err = manual.LoadToken(flags.TriggerTokenFile); err != nil {
		return s, err
	}
	if s.allowed, err = manual.AllowedActions(s.cfg, flags.TriggerActions, actions); err != nil {
		return s, err
	}
	if s.alertsToken, err = alertsToken(flags); err != nil {
		return s, err
	}
	if s.rest, err = restConfig(flags.Kubeconfig); err != nil {
		return s, err
	}
	// client-go's defaults (5 QPS, burst 10) starve a runner whose
	// actions read logs and events while the informers list.
	s.rest.QPS, s.rest.Burst = float32(flags.KubeQPS), flags.KubeBurst
	if s.cluster, err = kube.NewCluster(s.rest); err != nil {
		return s, err
	}
	return s, nil
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
