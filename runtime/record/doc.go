// Package record writes and reads a runner's recording: every input the
// runner received, so that `robusta-gen replay` can run the same inputs
// through the engine offline (package record/replay).
//
// # Format
//
// A recording is JSON lines, one Record per line, appended in the order
// the runner received them:
//
//	{"v":1,"type":"change","time":"2026-12-03T12:00:00Z","change":{"kind":"Deployment","operation":"update","obj":{...},"old":{...}}}
//	{"v":1,"type":"alert","time":"...","alert":{"alert":{...},"objects":[{...}]}}
//	{"v":1,"type":"schedule","time":"...","schedule":{"index":0,"recurrence":3}}
//	{"v":1,"type":"manual","time":"...","manual":{"request":{...},"object":{...}}}
//
// Those four are inputs. Three more types are answers the cluster gave the
// actions, so that a replay reproduces what the actions read:
//
//	{"v":1,"type":"read","time":"...","read":{"key":"list v1 events ns=prod field=involvedObject.name=api-0","status":200,"body":{...}}}
//	{"v":1,"type":"logs","time":"...","logs":{"namespace":"prod","pod":"api-0","container":"main","output":"..."}}
//	{"v":1,"type":"exec","time":"...","exec":{"namespace":"prod","pod":"api-0","command":["ps"],"output":"..."}}
//
// and "gap" says how many records the writer dropped just before it (see
// Writer). v is the format's version, 1; a reader refuses another. Each
// line has exactly the payload its type names. Objects are written with
// apiVersion and kind, so that they read back into their typed Go values.
//
// # Secrets
//
// Every object (inputs and read answers) is written as api.Sanitize makes
// finding content: no managedFields, no last-applied annotation, and each
// value of a Secret's data and stringData replaced. Where Sanitize writes
// the same marker for every value, the recording writes one marker per
// distinct value, an HMAC of it under a key drawn at random per Writer and
// never written: a replayed diff still sees which values changed (as the
// live one did) and nothing in the file can be guessed back, not even a
// short password. Logs, exec output and manual requests' action_params are
// written as they were: they went into findings anyway.
package record
