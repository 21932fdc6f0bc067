package trigger

import "github.com/robusta-go/robusta/runtime/scope"

// ObjectFilters are the filters every Kubernetes trigger takes, derived
// ones included. Every filter given must match.
type ObjectFilters struct {
	NamePrefix      string        `json:"name_prefix,omitempty" jsonschema_description:"Fire only for objects whose name starts with this prefix."`
	NamespacePrefix string        `json:"namespace_prefix,omitempty" jsonschema_description:"Fire only for objects whose namespace starts with this prefix."`
	LabelsSelector  string        `json:"labels_selector,omitempty" jsonschema_description:"A Kubernetes label selector the object's labels must match, e.g. app=web,tier!=cache."`
	Scope           *scope.Params `json:"scope,omitempty" jsonschema_description:"Include and exclude rules on name, namespace, labels, annotations (regular expressions that must match in full) and attributes (path=value pairs into the object, compared case-insensitively)."`
}

// KubernetesParams filters the changes of a Kubernetes or any-resource
// trigger.
type KubernetesParams struct {
	ObjectFilters
	ChangeFilters *ChangeFilters `json:"change_filters,omitempty" jsonschema_description:"Fire on an update only when the object changed under an include path once the ignore paths are left out; create and delete always pass."`
}

// ChangeFilters selects which updates fire a trigger, as Robusta's
// K8sTriggerChangeFilters: paths are dotted, with [n] for list elements
// (spec.template.spec.containers[0].image).
type ChangeFilters struct {
	Include []string `json:"include,omitempty" jsonschema_description:"Fire only when a changed path contains one of these (Robusta matches them as substrings of the changed path: image matches spec.template.spec.containers[0].image); empty means any change."`
	Ignore  []string `json:"ignore,omitempty" jsonschema_description:"Paths left out of the comparison, e.g. status or metadata.resourceVersion."`
}

// AlertParams filters the alerts of on_prometheus_alert. Unknown keys are an
// error: Robusta ignores them and so silently matches every alert.
// K8sProviders has no schema enum because Robusta compares the names
// ignoring case; Compile refuses a name that is no provider.
type AlertParams struct {
	AlertName          string        `json:"alert_name,omitempty" jsonschema_description:"Fire only for alerts with this alertname."`
	Status             string        `json:"status,omitempty" jsonschema:"enum=firing,enum=resolved,enum=all,default=firing" jsonschema_description:"Which alerts fire the trigger: firing (the default), resolved, or all."`
	PodNamePrefix      string        `json:"pod_name_prefix,omitempty" jsonschema_description:"Fire only when the alert's pod label starts with this prefix."`
	NamespacePrefix    string        `json:"namespace_prefix,omitempty" jsonschema_description:"Fire only when the alert's namespace label starts with this prefix."`
	InstanceNamePrefix string        `json:"instance_name_prefix,omitempty" jsonschema_description:"Fire only when the alert's instance label starts with this prefix."`
	Scope              *scope.Params `json:"scope,omitempty" jsonschema_description:"Include and exclude rules on the alert's labels."`
	K8sProviders       []string      `json:"k8s_providers,omitempty" jsonschema_description:"Fire only on clusters of these providers, detected once from the nodes when the runner starts: GKE, AKS, EKS, Kind, Minikube, RancherDesktop, Kapsule, Kops, DigitalOcean or Unknown (Robusta's names, any case)."`
}

// ScheduleParams sets when on_schedule fires: exactly one of the two forms.
type ScheduleParams struct {
	FixedDelayRepeat   *FixedDelayRepeat   `json:"fixed_delay_repeat,omitempty" jsonschema_description:"Run a fixed number of times with a fixed delay between runs."`
	CronScheduleRepeat *CronScheduleRepeat `json:"cron_schedule_repeat,omitempty" jsonschema_description:"Run on a cron schedule."`
}

// FixedDelayRepeat runs a schedule Repeat times (-1: forever), SecondsDelay
// apart.
type FixedDelayRepeat struct {
	Repeat       int `json:"repeat" jsonschema:"minimum=-1,default=-1" jsonschema_description:"How many times to run; -1 (the default) runs forever."`
	SecondsDelay int `json:"seconds_delay" jsonschema:"minimum=1" jsonschema_description:"Seconds between runs, at most 9223372036 (the longest duration)."`
}

// CronScheduleRepeat runs a schedule on a cron expression.
type CronScheduleRepeat struct {
	CronExpression string `json:"cron_expression" jsonschema_description:"A standard five-field cron expression, e.g. 0 * * * *."`
}
