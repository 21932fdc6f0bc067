// Package reach works out, from the type-checked code, which Kubernetes API
// operations each action can reach, so that the chart grants exactly them
// and a ServiceAccount never fails with Forbidden after a deploy because
// an author forgot a //robusta:rbac line.
//
// # The walk
//
// From the action's declaration, every function or method the body
// refers to (called, or taken as a value: a helper passed as a callback
// runs too) is looked up:
//
//   - A runtime/api method that reaches the cluster (Pod.GetLogs, Pod.Exec,
//     Pod.Events, Deployment.Pods, the api.Cluster interface's Logs and
//     Exec, ...) adds the rules the table in api.go gives it.
//   - A method of a client-go typed client interface
//     (k8s.io/client-go/kubernetes/typed/<group>/<version>.<Kind>Interface:
//     Get, List, Watch, Create, Update, Patch, Delete, GetLogs, Evict, ...)
//     adds that verb on that resource, the group and resource read from
//     the package path and the interface's name (clientgo.go).
//   - A function of a package the run loaded with syntax (the repo's own
//     packages) is walked in turn, transitively, each once.
//
// It is the static call graph, built from go/types' Uses rather than from
// SSA: every call robusta-go can resolve statically is a direct reference
// in the source, and the walk then costs microseconds per action on the
// syntax the generator has loaded already, where building SSA for the
// bundle would cost a large part of a generate run. What it cannot see is
// dynamic: a call through an interface the repo declares, a function kept
// in a struct field and called elsewhere, raw REST requests. Those keep
// their //robusta:rbac directive, and a directive that the inferred rules
// already cover is reported as redundant.
package reach
