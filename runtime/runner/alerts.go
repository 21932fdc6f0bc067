package runner

import (
	"fmt"
	"log/slog"
	"net/http"
	"os"
	"strings"

	"github.com/robusta-go/robusta/runtime/alerts"
	"github.com/robusta-go/robusta/runtime/engine"
	"github.com/robusta-go/robusta/runtime/kube"
)

// alertsPath is where Alertmanager posts its webhook.
const alertsPath = "POST /api/alerts"

// alertsToken reads --alerts-token-file: the bearer token Alertmanager must
// send, surrounding whitespace trimmed; none when the flag is empty.
func alertsToken(flags Flags) (string, error) {
	if flags.AlertsTokenFile == "" {
		return "", nil
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
// server and queued on pool.
func alertsHandler(token string, cluster *kube.Cluster, pool *engine.Pool, logger *slog.Logger) http.Handler {
	return alerts.NewHandler(pool, alerts.Options{
		Token:    token,
		Resolver: alerts.KubeResolver{Client: cluster.Kubernetes(), Logger: logger},
		Logger:   logger,
	})
}
