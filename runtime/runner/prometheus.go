package runner

import (
	"github.com/robusta-go/robusta/runtime/engine"
	"github.com/robusta-go/robusta/runtime/prom"
)

// prometheusOption connects actions to Prometheus. Each action's params
// already carry globalConfig's prometheus_* keys (the config merge), so
// the connector only needs globalConfig's own to know which server its
// credentials belong to. Without prometheus_url, the Prometheus-backed
// actions report "not configured".
func prometheusOption(s settings) (engine.Option, error) {
	global, err := prom.GlobalParams(s.cfg.Global.Values)
	if err != nil {
		return nil, err
	}
	return engine.WithPrometheus(prom.NewConnector(global, s.logger)), nil
}
