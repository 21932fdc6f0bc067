package trigger

// The params of Robusta's derived triggers (src/robusta/core/triggers),
// with its names and defaults. Like Robusta's, they take the object filters
// but not change_filters. Compile starts from the defaults here before
// reading the configured values.

// CrashLoopParams are on_pod_crash_loop's params.
type CrashLoopParams struct {
	ObjectFilters
	RestartReason string `json:"restart_reason,omitempty" jsonschema_description:"Fire only when the waiting reason contains this (e.g. CrashLoopBackOff); empty means any reason."`
	RestartCount  int    `json:"restart_count,omitempty" jsonschema:"minimum=0,default=2" jsonschema_description:"Fire only once a container has restarted at least this many times."`
	RateLimit     int    `json:"rate_limit,omitempty" jsonschema:"minimum=0,default=14400" jsonschema_description:"Seconds during which the pod's owner does not fire again; 0 fires every time."`
}

// ImagePullBackoffParams are on_image_pull_backoff's params.
type ImagePullBackoffParams struct {
	ObjectFilters
	RateLimit int `json:"rate_limit,omitempty" jsonschema:"minimum=0,default=14400" jsonschema_description:"Seconds during which the pod's owner does not fire again; 0 fires every time."`
	FireDelay int `json:"fire_delay,omitempty" jsonschema:"minimum=0,default=120" jsonschema_description:"Fire only once the pod has been started this many seconds: a pull can back off briefly while a secret it needs is created."`
}

// OOMKilledParams are the params of on_pod_oom_killed and
// on_container_oom_killed.
type OOMKilledParams struct {
	ObjectFilters
	RateLimit int          `json:"rate_limit,omitempty" jsonschema:"minimum=0,default=3600" jsonschema_description:"Seconds during which the pod's owner does not fire again; 0 fires every time."`
	Exclude   []OOMExclude `json:"exclude,omitempty" jsonschema_description:"Pods (on_pod_oom_killed) or containers (on_container_oom_killed) that never fire."`
}

// OOMExclude excludes by name prefix, namespace, or both: an entry with
// both excludes only what matches both.
type OOMExclude struct {
	Name      string `json:"name,omitempty" jsonschema_description:"Prefix of the pod's name (on_pod_oom_killed) or the container's name (on_container_oom_killed)."`
	Namespace string `json:"namespace,omitempty" jsonschema_description:"The namespace, exactly."`
}

// PodEvictedParams are on_pod_evicted's params.
type PodEvictedParams struct {
	ObjectFilters
	RateLimit int `json:"rate_limit,omitempty" jsonschema:"minimum=0,default=14400" jsonschema_description:"Seconds during which the pod does not fire again; 0 fires every time."`
}

// WarningEventParams are on_kubernetes_warning_event's params.
type WarningEventParams struct {
	WarningEventOpParams
	Operations []string `json:"operations,omitempty" jsonschema:"enum=create,enum=update,enum=delete" jsonschema_description:"Fire only on these operations of the Event; empty means all."`
}

// WarningEventOpParams are the params of on_kubernetes_warning_event_create,
// _update and _delete, whose operation is in their name.
type WarningEventOpParams struct {
	ObjectFilters
	RateLimit int      `json:"rate_limit,omitempty" jsonschema:"minimum=0,default=3600" jsonschema_description:"Seconds during which the same reason on the same object does not fire again; 0 fires every time."`
	Include   []string `json:"include,omitempty" jsonschema_description:"Fire only when the event's reason and message contain one of these, ignoring case."`
	Exclude   []string `json:"exclude,omitempty" jsonschema_description:"Never fire when the event's reason and message contain one of these, ignoring case."`
}

// ResourceOperationParams are on_kubernetes_resource_operation's params.
type ResourceOperationParams struct {
	ObjectFilters
	Resources     []string       `json:"resources,omitempty" jsonschema_description:"Kinds to fire on, lower case (deployment, pod, job, ...), or customResources by resource.group, resource or kind in lower case; empty means every watched kind."`
	Operations    []string       `json:"operations,omitempty" jsonschema:"enum=create,enum=update,enum=delete" jsonschema_description:"Operations to fire on; empty means all."`
	ChangeFilters *ChangeFilters `json:"change_filters,omitempty" jsonschema_description:"Fire on an update only when the object changed under an include path once the ignore paths are left out. Default: include spec; ignore status, metadata.generation, metadata.resourceVersion, metadata.managedFields and spec.replicas. null turns filtering off."`
}

// defaultChangeFilters are Robusta's DEFAULT_CHANGE_FILTERS, the
// change_filters of on_kubernetes_resource_operation when it sets none.
func defaultChangeFilters() *ChangeFilters {
	return &ChangeFilters{
		Include: []string{"spec"},
		Ignore:  []string{"status", "metadata.generation", "metadata.resourceVersion", "metadata.managedFields", "spec.replicas"},
	}
}
