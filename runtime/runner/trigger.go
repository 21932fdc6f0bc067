package runner

import (
	"log/slog"
	"net/http"

	"github.com/robusta-go/robusta/runtime/config"
	"github.com/robusta-go/robusta/runtime/engine"
	"github.com/robusta-go/robusta/runtime/kube"
	"github.com/robusta-go/robusta/runtime/manual"
	"github.com/robusta-go/robusta/runtime/registry"
)

// triggerPath is the manual trigger: run one action by name.
const triggerPath = "POST /api/trigger"

// triggerHandler serves the manual trigger (package manual). token is the
// bearer token it requires, from --trigger-token-file or
// $ROBUSTA_TRIGGER_TOKEN (manual.LoadToken); "" leaves it open.
func triggerHandler(token string, actions *registry.Set, cfg *config.Config, cluster *kube.Cluster, eng *engine.Engine, logger *slog.Logger) http.Handler {
	return &manual.Handler{
		Actions: actions,
		Global:  cfg.Global,
		Client:  cluster.Kubernetes(),
		Engine:  eng,
		Token:   token,
		Logger:  logger,
	}
}
