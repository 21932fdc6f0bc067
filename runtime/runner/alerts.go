package runner

import (
	"fmt"
	"log/slog"
	"net/http"
	"os"
	"strings"

	"github.com/robusta-go/robusta/runtime/alerts"
	"github.com/robusta-go/robusta/runtime/api"
	"github.com/robusta-go/robusta/runtime/kube"
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

// alertsHandler serves on_prometheus_alert: alerts resolved through the API
// server and queued on pool. Without a token it answers 403 unless open
// (--alerts-allow-unauthenticated) says otherwise: an open webhook lets
// any pod inject alerts, or post a real alert first and so claim its
// dedup key for two hours.
func alertsHandler(token string, open bool, cluster *kube.Cluster, pool alerts.Submitter, wants func(*api.Alert) bool, logger *slog.Logger) http.Handler {
	if token == "" && !open {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			logger.Warn("alerts refused: no token configured", "remote", r.RemoteAddr)
			writeError(w, http.StatusForbidden, "POST /api/alerts is disabled: the runner has no token (--alerts-token-file) and --alerts-allow-unauthenticated is not set", 0)
		})
	}
	return alerts.NewHandler(pool, alerts.Options{
		Token:    token,
		Resolver: alerts.KubeResolver{Client: cluster.Kubernetes(), Logger: logger},
		Logger:   logger,
		Wants:    wants, // no playbook for an alert: no API read for it
	})
}
