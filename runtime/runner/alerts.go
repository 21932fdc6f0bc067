package runner

import (
	"context"
	"fmt"
	"log/slog"
	"net/http"
	"os"
	"strings"
	"time"

	"k8s.io/client-go/kubernetes"

	"github.com/robusta-go/robusta/runtime/alerts"
	"github.com/robusta-go/robusta/runtime/api"
	"github.com/robusta-go/robusta/runtime/config"
	"github.com/robusta-go/robusta/runtime/kube"
	"github.com/robusta-go/robusta/runtime/providers"
)

// alertsPath is where Alertmanager posts its webhook.
const alertsPath = "POST /api/alerts"

// alertsToken reads --alerts-token-file: the bearer token Alertmanager must
// send, surrounding whitespace trimmed; none when the flag is empty. Both
// a file and --alerts-allow-unauthenticated is a contradiction, refused.
func alertsToken(flags Flags) (string, error) {
	if flags.AlertsTokenFile == "" {
		return "", nil
	}
	if flags.AlertsOpen {
		return "", fmt.Errorf("--alerts-token-file and --alerts-allow-unauthenticated exclude each other")
	}
	data, err := os.ReadFile(flags.AlertsTokenFile)
	if err != nil {
		return "", fmt.Errorf("reading --alerts-token-file: %w", err)
	}
	token := strings.TrimSpace(string(data))
	if token == "" {
		return "", fmt.Errorf("--alerts-token-file %s is empty", flags.AlertsTokenFile)
	}
	return token, nil
}

// alertsHandler serves on_prometheus_alert: alerts relabelled and resolved
// through the API server as the values say (cfg), and queued on pool.
// Without a token it answers 403 unless open (--alerts-allow-unauthenticated)
// says otherwise: an open webhook lets any pod inject alerts, or post a real
// alert first and so claim its dedup key for two hours.
func alertsHandler(token string, open bool, cluster *kube.Cluster, pool alerts.Submitter, wants func(*api.Alert) bool, cfg config.Alerts, logger *slog.Logger) http.Handler {
	if token == "" && !open {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			logger.Warn("alerts refused: no token configured", "remote", r.RemoteAddr)
			writeError(w, http.StatusForbidden, "POST /api/alerts is disabled: the runner has no token (--alerts-token-file) and --alerts-allow-unauthenticated is not set", 0)
		})
	}
	return alerts.NewHandler(pool, alerts.Options{
		Token:       token,
		Resolver:    alerts.KubeResolver{Client: cluster.Kubernetes(), Logger: logger},
		Logger:      logger,
		Wants:       wants, // no playbook for an alert: no API read for it
		Relabel:     relabelRules(cfg.Relabel),
		SeverityMap: cfg.SeverityMap,
		Provider:    detectProvider(cluster.Kubernetes(), logger),
	})
}

// providerTimeout bounds the one node List of the provider detection.
const providerTimeout = 10 * time.Second

// detectProvider finds the cluster's provider once, as Robusta does at
// start, for on_prometheus_alert's k8s_providers. A failed List (RBAC, a
// slow API server) is logged and leaves Unknown, as in Robusta: the
// runner still starts.
func detectProvider(c kubernetes.Interface, logger *slog.Logger) string {
	ctx, cancel := context.WithTimeout(context.Background(), providerTimeout)
	defer cancel()
	p, err := providers.DetectCluster(ctx, c)
	if err != nil {
		logger.Warn("cluster provider not detected; k8s_providers filters see Unknown", "error", err)
		return p
	}
	logger.Info("cluster provider detected", "provider", p)
	return p
}

// relabelRules are alertRelabel's entries as the alert handler takes them.
func relabelRules(rs []config.AlertRelabel) []alerts.Relabel {
	out := make([]alerts.Relabel, len(rs))
	for i, r := range rs {
		out[i] = alerts.Relabel{Source: r.Source, Target: r.Target, Replace: r.Replace}
	}
	return out
}
