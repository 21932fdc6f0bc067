package config

import (
	"github.com/robusta-go/robusta/runtime/kinds"
	"github.com/robusta-go/robusta/runtime/registry"
	"github.com/robusta-go/robusta/runtime/sink"
	"github.com/robusta-go/robusta/runtime/trigger"
)

// Config is a loaded, fully checked values file: every name resolved, every
// params document validated and decoded, every filter compiled.
type Config struct {
	Global    Global
	Sinks     []Sink
	Playbooks []Playbook
	Alerts    Alerts // alertRelabel and custom_severity_map
	// CustomResources is customResources, in order: kinds watched as
	// unstructured objects for the any-resource triggers.
	CustomResources []kinds.Custom
}

// Global is globalConfig.
type Global struct {
	ClusterName string
	// Values holds every globalConfig key, cluster_name included. A key
	// that names a property of an action's params fills it in for every
	// playbook that does not set it (Robusta merges globalConfig into action
	// params the same way; keys no action takes are kept but unused).
	Values map[string]any
}

// Sink is one entry of sinksConfig.
type Sink struct {
	Type   *sink.Type
	Common sink.Common
	// Params is the sink's params as JSON, env vars substituted.
	Params []byte
	Pos    Pos
}

// Playbook is one entry of the playbook lists, in the order they run.
type Playbook struct {
	// Name is the playbook's name: its name key, else "playbook-<index>".
	Name     string
	Triggers []*trigger.Trigger
	Actions  []Action
	// Sinks names the sinks findings go to; nil means the default sinks.
	Sinks []string
	Stop  bool
	Pos   Pos
}

// Action is an action of a playbook, bound to its params.
type Action struct {
	Action *registry.Action
	Run    registry.Func
	// Params is the params as JSON after defaults and globalConfig merging.
	Params []byte
	Pos    Pos
}
