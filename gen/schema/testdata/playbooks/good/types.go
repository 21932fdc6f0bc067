// Package good has params types that exercise every rule of the schema walk.
package good

import (
	"encoding/json"
	"time"

	corev1 "k8s.io/api/core/v1"

	"example.com/playbooks/other"
	"github.com/robusta-go/robusta/runtime/scope"
)

// Level is how loud a message is.
type Level string

// The levels: exported constants of type Level are its enum.
const (
	LevelInfo  Level = "info"
	LevelWarn  Level = "warn"
	levelDebug Level = "debug" // unexported: not in the enum
)

// Priority is a numeric enum.
type Priority int

const (
	PriorityHigh Priority = 2
	PriorityLow  Priority = 1
)

// Target names a namespace.
type Target struct {
	// Namespace is the target's namespace.
	Namespace string            `json:"namespace"`
	Labels    map[string]string `json:"labels,omitempty"` // Labels to match.
}

// Common is embedded, so its fields are inlined.
type Common struct {
	// Verbose turns on chatter.
	Verbose bool   `json:"verbose,omitempty"`
	Name    string `json:"name,omitempty"` // shadowed by Everything.Name
}

type hidden struct {
	// Visible is promoted from an unexported embedded struct.
	Visible string `json:"visible,omitempty"`
}

// Extra is embedded by pointer.
type Extra struct {
	// ExtraNote is promoted through a pointer.
	ExtraNote string `json:"extra_note,omitempty"`
}

// Left and Right both have a field named dup at the same depth, so
// encoding/json drops it.
type Left struct {
	Dup string `json:"dup"`
}

// Right: see Left.
type Right struct {
	Dup string `json:"dup"`
}

// Tagged is embedded under a json name: it is a property, not inlined.
type Tagged struct {
	Inner string `json:"inner"`
}

// Everything exercises every rule of the schema walk.
//
// It is the params of the everything action.
type Everything struct {
	Common
	hidden
	*Extra
	Left
	Right
	Tagged `json:"tagged,omitempty"`

	// Name is the shown name.
	Name     string        `json:"name" jsonschema:"minLength=1,maxLength=63,pattern=^[a-z]+$,example=web"`
	Count    int           `json:"count,omitempty" jsonschema:"default=8,minimum=1,maximum=100"`
	Ratio    float64       `json:"ratio,omitempty" jsonschema:"default=0.5,exclusiveMaximum=1"`
	Enabled  bool          `json:"enabled,omitempty" jsonschema:"default=true"`
	Size     uint16        `json:"size,omitempty"`
	Timeout  time.Duration `json:"timeout,omitempty" jsonschema:"default=30s"`
	Since    time.Time     `json:"since,omitzero"`
	Level    Level         `json:"level,omitempty" jsonschema:"default=info"`
	Priority Priority      `json:"priority,omitempty"`
	Mode     Level         `json:"mode,omitempty" jsonschema:"enum=fast,enum=slow"`
	// Target is where to look.
	Target   Target              `json:"target"`
	Optional *Target             `json:"optional"`
	Targets  []Target            `json:"targets,omitempty"`
	Tags     []string            `json:"tags,omitempty" jsonschema:"minItems=1,uniqueItems,enum=a,enum=b,default=a"`
	Pair     [2]int              `json:"pair,omitempty"`
	Data     []byte              `json:"data,omitempty"`
	Settings map[string]any      `json:"settings,omitempty" jsonschema:"default={\"a\":1}"`
	Counts   map[Level]int       `json:"counts,omitempty"`
	Raw      json.RawMessage     `json:"raw,omitempty"`
	Anything interface{}         `json:"anything,omitempty"`
	Names    scope.Values        `json:"names,omitempty"`
	Phase    corev1.PodPhase     `json:"phase,omitempty"`
	Limits   corev1.ResourceList `json:"limits,omitempty"`
	Port     int                 `json:"port,string,omitempty"`
	Text     string              `json:"text,omitempty" jsonschema:"title=Text,description=From the tag.,format=hostname"`
	Legacy   string              `json:"legacy,omitempty" jsonschema_description:"From jsonschema_description."`
	Pattern  string              `json:"pattern,omitempty" jsonschema:"pattern=^a\\,b$"`
	Forced   *string             `json:"forced" jsonschema:"required"`
	Wrapped  Wrapper[int]        `json:"wrapped,omitempty"`
	Aliased  TargetAlias         `json:"aliased,omitempty"`
	NoTag    string
	Skipped  string `json:"-"`
	Hidden   string `jsonschema:"-"`
	internal string
}

// Wrapper is generic.
type Wrapper[T any] struct {
	// Value is the wrapped value.
	Value T `json:"value"`
}

// TargetAlias is an alias: its schema is Target's.
type TargetAlias = Target

// Config is good's Config; it embeds other's Config under a property.
type Config struct {
	// Other is the same-named type from package other.
	Other other.Config `json:"other"`
	// Message is logged.
	Message string `json:"message,omitempty" jsonschema:"example=hello"`
}

// BashParams configures PodBashEnricher.
type BashParams struct {
	// BashCommand is the command to run inside the pod.
	BashCommand string `json:"bash_command"`
	// Timeout bounds the command.
	Timeout time.Duration `json:"timeout,omitempty" jsonschema:"default=1m"`
}

// ScheduleParams has nothing required.
type ScheduleParams struct {
	// Note is optional.
	Note string `json:"note,omitempty"`
}

var _ = levelDebug
