package config

import (
	"slices"
	"strings"

	"gopkg.in/yaml.v3"

	"github.com/robusta-go/robusta/runtime/api"
)

// keyAlertRelabel is the top-level alertRelabel list.
const keyAlertRelabel = "alertRelabel"

// Alerts is what the alert handler takes from the values.
type Alerts struct {
	// Relabel is alertRelabel, in order.
	Relabel []AlertRelabel
	// SeverityMap is globalConfig's custom_severity_map, keys lowercased:
	// Robusta looks the severity label up lowercased, so its mixed-case
	// keys never match; here they do.
	SeverityMap map[string]api.Severity
}

// AlertRelabel is one entry of alertRelabel: the alert label Source is
// copied to Target; Replace (operation: replace) also removes Source.
// runtime/alerts applies it; this package cannot import that one (its
// tests reach config through kubetest).
type AlertRelabel struct {
	Source, Target string
	Replace        bool
}

// relabelKeys are the keys of an alertRelabel entry.
var relabelKeys = []string{"source", "target", "operation"}

// relabelOps are alertRelabel's operations, Robusta's AlertRelabelOp.
var relabelOps = []string{"add", "replace"}

// loadAlerts reads alertRelabel (top-level) and custom_severity_map (in
// globalConfig, which loadGlobal has read).
func (ld *loader) loadAlerts(top map[string]entry) {
	if e, ok := top[keyAlertRelabel]; ok {
		for _, item := range ld.list(e.Value, keyAlertRelabel) {
			if r, ok := ld.relabelEntry(item); ok {
				ld.cfg.Alerts.Relabel = append(ld.cfg.Alerts.Relabel, r)
			}
		}
	}
	if e, ok := ld.global["custom_severity_map"]; ok {
		ld.cfg.Alerts.SeverityMap = ld.severityMap(e.Value)
	}
}

// relabelEntry reads one {source, target, operation} entry; operation
// defaults to add, as Robusta's.
func (ld *loader) relabelEntry(n *yaml.Node) (AlertRelabel, bool) {
	var r AlertRelabel
	es, ok := ld.mapping(n, "an alertRelabel entry")
	if !ok {
		return r, false
	}
	got := map[string]bool{}
	for _, e := range es {
		got[e.Name] = true
		switch e.Name {
		case "source", "target":
			v, isStr := ld.str(e.Value, "alertRelabel "+e.Name)
			if isStr && v == "" {
				ld.errorf(e.Value, "alertRelabel %s must not be empty", e.Name)
			}
			ok = ok && isStr && v != ""
			if e.Name == "source" {
				r.Source = v
			} else {
				r.Target = v
			}
		case "operation":
			v, isStr := ld.str(e.Value, "alertRelabel operation")
			if isStr && !slices.Contains(relabelOps, v) {
				ld.errorf(e.Value, "unknown alertRelabel operation %q: want add or replace%s", v, didYouMean(v, relabelOps))
				isStr = false
			}
			ok = ok && isStr
			r.Replace = v == "replace"
		default:
			ld.errorf(e.Key, "unknown alertRelabel key %q%s", e.Name, didYouMean(e.Name, relabelKeys))
			ok = false
		}
	}
	for _, k := range []string{"source", "target"} {
		if !got[k] {
			ld.errorf(n, "an alertRelabel entry needs %s: the alert label to copy from (source) and to (target)", k)
			ok = false
		}
	}
	return r, ok
}

// severityMap reads custom_severity_map: alert severity label -> finding
// severity (DEBUG, INFO, LOW, MEDIUM or HIGH, any case, as Robusta's
// from_severity after upper()).
func (ld *loader) severityMap(n *yaml.Node) map[string]api.Severity {
	es, ok := ld.mapping(n, "globalConfig.custom_severity_map")
	if !ok || len(es) == 0 {
		return nil
	}
	m := make(map[string]api.Severity, len(es))
	for _, e := range es {
		v, ok := ld.str(e.Value, "custom_severity_map."+e.Name)
		if !ok {
			continue
		}
		s, err := api.ParseSeverity(v)
		if err != nil {
			ld.errorf(e.Value, "custom_severity_map.%s: %v", e.Name, err)
			continue
		}
		m[strings.ToLower(e.Name)] = s
	}
	return m
}
