package record

import (
	"encoding/json"
	"time"

	"github.com/robusta-go/robusta/runtime/api"
)

// Version is the format's version, written in every line.
const Version = 1

// The record types.
const (
	TypeChange   = "change"
	TypeAlert    = "alert"
	TypeSchedule = "schedule"
	TypeManual   = "manual"
	TypeRead     = "read"
	TypeLogs     = "logs"
	TypeExec     = "exec"
	TypeGap      = "gap"
)

// Record is one line. Exactly the payload Type names is set.
type Record struct {
	V    int       `json:"v"`
	Type string    `json:"type"`
	Time time.Time `json:"time"`

	Change   *Change   `json:"change,omitempty"`
	Alert    *Alert    `json:"alert,omitempty"`
	Schedule *Schedule `json:"schedule,omitempty"`
	Manual   *Manual   `json:"manual,omitempty"`
	Read     *Read     `json:"read,omitempty"`
	Logs     *Logs     `json:"logs,omitempty"`
	Exec     *Exec     `json:"exec,omitempty"`
	Gap      *Gap      `json:"gap,omitempty"`
}

// Change is a Kubernetes change as the informers delivered it. Obj and
// Old are redacted objects (EncodeObject); Old is set on updates only.
type Change struct {
	Kind      string          `json:"kind"`
	Operation api.Operation   `json:"operation"`
	Obj       json.RawMessage `json:"obj,omitempty"`
	Old       json.RawMessage `json:"old,omitempty"`
}

// Alert is an alert as it was queued: the alert and the objects the runner
// resolved from its labels.
type Alert struct {
	Alert   api.Alert         `json:"alert"`
	Objects []json.RawMessage `json:"objects,omitempty"`
}

// Schedule is a tick of the scheduled playbook at Index (engine.Schedules).
type Schedule struct {
	Index      int    `json:"index"`
	Playbook   string `json:"playbook,omitempty"`
	Recurrence int    `json:"recurrence"`
}

// Manual is a POST /api/trigger that ran: its body, and the object it
// loaded (none for a run on no object).
type Manual struct {
	Request json.RawMessage `json:"request"`
	Object  json.RawMessage `json:"object,omitempty"`
}

// Read is an answer of the API server to an action's get or list: Key
// names the request (ReadKey), Body is the answer, redacted like objects,
// or a metav1.Status when Status is not 2xx.
type Read struct {
	Key    string          `json:"key"`
	Status int             `json:"status"`
	Body   json.RawMessage `json:"body"`
}

// Logs is the answer to one api.Cluster.Logs call.
type Logs struct {
	Namespace string `json:"namespace"`
	Pod       string `json:"pod"`
	Container string `json:"container,omitempty"`
	Previous  bool   `json:"previous,omitempty"`
	TailLines int64  `json:"tail_lines,omitempty"`
	Output    string `json:"output"`
	Error     string `json:"error,omitempty"`
}

// Exec is the answer to one api.Cluster.Exec call.
type Exec struct {
	Namespace string   `json:"namespace"`
	Pod       string   `json:"pod"`
	Container string   `json:"container,omitempty"`
	Command   []string `json:"command"`
	Output    string   `json:"output"`
	Error     string   `json:"error,omitempty"`
}

// Gap counts the records the writer dropped before this line.
type Gap struct {
	Dropped int64 `json:"dropped"`
}

// payloads says which payload each type has set, for the reader's check.
func (r *Record) payloads() map[string]bool {
	return map[string]bool{
		TypeChange: r.Change != nil, TypeAlert: r.Alert != nil, TypeSchedule: r.Schedule != nil,
		TypeManual: r.Manual != nil, TypeRead: r.Read != nil, TypeLogs: r.Logs != nil,
		TypeExec: r.Exec != nil, TypeGap: r.Gap != nil,
	}
}
