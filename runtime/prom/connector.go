package prom

import (
	"encoding/json"
	"fmt"
	"log/slog"
	"maps"
	"net/url"
	"sync"

	"github.com/robusta-go/robusta/runtime/api"
)

// maxClients bounds the cache: params come from the values file (a few
// settings) but also from manual runs' action_params, which must not grow
// the runner's memory without end.
const maxClients = 32

// Connector is the runner's api.PrometheusConnector: one client per
// distinct setting, built on first use.
type Connector struct {
	global api.PrometheusParams
	logger *slog.Logger

	mu      sync.Mutex
	clients map[string]*Client
}

var _ api.PrometheusConnector = (*Connector)(nil)

// NewConnector returns the connector for a runner whose globalConfig holds
// global (its prometheus_* keys; GlobalParams reads them).
func NewConnector(global api.PrometheusParams, logger *slog.Logger) *Connector {
	if logger == nil {
		logger = slog.Default()
	}
	return &Connector{global: global, logger: logger, clients: map[string]*Client{}}
}

// GlobalParams reads the prometheus_* keys of globalConfig's values.
func GlobalParams(values map[string]any) (api.PrometheusParams, error) {
	var p api.PrometheusParams
	sub := map[string]any{}
	for _, k := range []string{"prometheus_url", "prometheus_auth", "prometheus_url_query_string",
		"prometheus_additional_headers", "prometheus_additional_labels", "add_additional_labels"} {
		if v, ok := values[k]; ok {
			sub[k] = v
		}
	}
	raw, err := json.Marshal(sub)
	if err == nil {
		err = json.Unmarshal(raw, &p)
	}
	if err != nil {
		return p, fmt.Errorf("globalConfig's prometheus settings: %w", err)
	}
	return p, nil
}

// Connect implements api.PrometheusConnector; nil without prometheus_url.
func (c *Connector) Connect(p api.PrometheusParams) (api.Prometheus, error) {
	if p.PrometheusURL == "" {
		return nil, nil
	}
	if err := c.checkCredentials(p); err != nil {
		return nil, err
	}
	key, err := json.Marshal(p)
	if err != nil {
		return nil, fmt.Errorf("prometheus settings: %w", err)
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if cl, ok := c.clients[string(key)]; ok {
		return cl, nil
	}
	cl, err := New(p, c.logger)
	if err != nil {
		return nil, err
	}
	if len(c.clients) >= maxClients {
		clear(c.clients)
	}
	c.clients[string(key)] = cl
	return cl, nil
}

// checkCredentials refuses to send globalConfig's credentials to another
// host than globalConfig's prometheus_url (see the package doc).
func (c *Connector) checkCredentials(p api.PrometheusParams) error {
	if c.global.PrometheusAuth == "" && len(c.global.PrometheusAdditionalHeaders) == 0 {
		return nil
	}
	if sameHost(p.PrometheusURL, c.global.PrometheusURL) {
		return nil
	}
	if c.global.PrometheusAuth != "" && p.PrometheusAuth == c.global.PrometheusAuth ||
		len(c.global.PrometheusAdditionalHeaders) > 0 && maps.Equal(p.PrometheusAdditionalHeaders, c.global.PrometheusAdditionalHeaders) {
		return fmt.Errorf("prometheus_url %s is not globalConfig's prometheus server: globalConfig's prometheus_auth and prometheus_additional_headers are not sent to it; set the action's own", p.PrometheusURL)
	}
	return nil
}

func sameHost(a, b string) bool {
	ua, errA := ServerURL(a)
	ub, errB := ServerURL(b)
	if errA != nil || errB != nil {
		return false
	}
	pa, _ := url.Parse(ua)
	pb, _ := url.Parse(ub)
	return pa.Scheme == pb.Scheme && pa.Host == pb.Host
}
