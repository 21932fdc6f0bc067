package config

import (
	"fmt"
	"log/slog"

	"gopkg.in/yaml.v3"
)

// RobustaKeys are the top-level keys of Robusta's chart values
// (helm/robusta/values.yaml) that mean nothing here. The loader accepts
// them, so that a Robusta user's values file loads, and logs one warning
// for each one set to something (see ignoredRobustaKey). The keys both
// charts share (clusterName, image, runner, ...) are ChartKeys instead, and
// alertRelabel is read by the runner.
var RobustaKeys = []string{
	"playbookRepos", "automountServiceAccountToken", "enableHolmesGPT", "holmes",
	"lightActions", "enablePrometheusStack", "enabledManagedConfiguration",
	"enableServiceMonitors", "monitorHelmReleases", "argoRollouts",
	"scaleAlertsProcessing", "playbooksPersistentVolume",
	"playbooksPersistentVolumeSize", "playbooksPersistentVolumeStorageClass",
	"kubewatch", "grafanaRenderer", "runnerServiceAccount",
	"kube-prometheus-stack", "openshift",
}

// RobustaKeyReasons says, per key of RobustaKeys, why it is ignored; the
// values schema and docs/robusta-keys.md show the same text.
var RobustaKeyReasons = map[string]string{
	"playbookRepos":                         "playbooks are Go packages compiled into the runner (robusta-gen build), not repositories installed at start",
	"automountServiceAccountToken":          "the runner always needs its token to reach the API server",
	"enableHolmesGPT":                       "HolmesGPT is not part of robusta-go",
	"holmes":                                "HolmesGPT is not part of robusta-go",
	"lightActions":                          "the actions a manual run may use are those of the loaded playbooks and --trigger-allow-actions",
	"enablePrometheusStack":                 "this chart installs no Prometheus: set globalConfig.prometheus_url to yours",
	"kube-prometheus-stack":                 "this chart installs no Prometheus: set globalConfig.prometheus_url to yours",
	"enabledManagedConfiguration":           "alert rules managed by the Robusta platform need the platform, which robusta-go does not have",
	"enableServiceMonitors":                 "this chart's ServiceMonitor is serviceMonitor.enabled",
	"monitorHelmReleases":                   "the Helm release triggers are not implemented",
	"argoRollouts":                          "Argo Rollouts are not watched",
	"scaleAlertsProcessing":                 "alerts are handled by the runner itself, bounded by --max-concurrent-alerts",
	"playbooksPersistentVolume":             "no playbooks are installed at start, so there is nothing to keep on a volume",
	"playbooksPersistentVolumeSize":         "no playbooks are installed at start, so there is nothing to keep on a volume",
	"playbooksPersistentVolumeStorageClass": "no playbooks are installed at start, so there is nothing to keep on a volume",
	"kubewatch":                             "the runner watches the API server itself; there is no kubewatch",
	"grafanaRenderer":                       "graphs are drawn in the runner",
	"runnerServiceAccount":                  "this chart's service account is serviceAccount",
	"openshift":                             "this chart has no OpenShift-specific resources",
}

// WithLogger sets where Load's warnings go (ignored Robusta keys, sink
// keys not implemented yet); the default is slog.Default().
func WithLogger(l *slog.Logger) Option {
	return func(ld *loader) { ld.logger = l }
}

// warnf logs a load warning at n's position. Warnings are for what loads
// but does nothing: errors are for what cannot load.
func (ld *loader) warnf(n *yaml.Node, format string, args ...any) {
	l := ld.logger
	if l == nil {
		l = slog.Default()
	}
	l.Warn(fmt.Sprintf(format, args...), "position", ld.pos(n).String())
}

// ignoredRobustaKey warns that a Robusta key is ignored, unless its value
// asks for nothing (null, false, empty): Robusta's own defaults set most of
// them so (enableHolmesGPT: false, playbookRepos: {}), and a warning for
// what is off would be noise.
func (ld *loader) ignoredRobustaKey(e entry) {
	if asksNothing(e.Value) {
		return
	}
	ld.warnf(e.Key, "%s is a key of Robusta's chart and is ignored: %s", e.Name, RobustaKeyReasons[e.Name])
}

func asksNothing(n *yaml.Node) bool {
	r := resolve(n)
	switch {
	case r == nil || isNull(r):
		return true
	case r.Kind == yaml.MappingNode || r.Kind == yaml.SequenceNode:
		return len(r.Content) == 0
	case r.Kind == yaml.ScalarNode:
		return r.Value == "" || r.ShortTag() == "!!bool" && (r.Value == "false" || r.Value == "False" || r.Value == "FALSE")
	}
	return false
}
