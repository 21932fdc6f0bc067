package runner

import (
	"log/slog"
	"net/http"

	"github.com/robusta-go/robusta/runtime/config"
	"github.com/robusta-go/robusta/runtime/kube"
	"github.com/robusta-go/robusta/runtime/manual"
	"github.com/robusta-go/robusta/runtime/registry"
)

// triggerPath is the manual trigger: run one action by name.
const triggerPath = "POST /api/trigger"

// triggerHandler serves the manual trigger (package manual) on the pool's
// workers. token is the bearer token it requires, from
// --trigger-token-file or $ROBUSTA_TRIGGER_TOKEN (manual.LoadToken); ""
// disables it. allowed are the actions it may run (manual.AllowedActions).
func triggerHandler(token string, allowed []string, actions *registry.Set, cfg *config.Config, cluster *kube.Cluster, pool manual.Engine, m *manual.Metrics, logger *slog.Logger) http.Handler {
	return &manual.Handler{
		Actions: actions,
		Allowed: allowed,
		Global:  cfg.Global,
		Client:  cluster.Kubernetes(),
		Engine:  pool,
		Token:   token,
		Logger:  logger,
		Metrics: m,
	}
}
