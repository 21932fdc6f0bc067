// Package analyze checks each //robusta:action function against Contract 1
// of docs/design.md with the type checker and fills the model the emitters read.
//
// An action has the shape
//
//	func([ctx context.Context,] event E[, params P]) [error]
//
// E is an event type of runtime/api: an interface declared there that
// implies api.ExecutionEvent (api.PodEvent, api.KubernetesAnyChangeEvent),
// or a pointer to a concrete event struct declared there
// (*api.PodChangeEvent). A type declared elsewhere is refused even when it
// has every method of an event: the runner only ever produces api's events,
// so such an action could never run. P is a named, non-generic struct type
// from any package, by value or by pointer.
//
// # Triggers from the type checker
//
// Which triggers an action accepts is not a table anyone maintains: for each
// trigger of runtime/trigger, the concrete event type it produces is looked
// up in the loaded api package and the trigger qualifies when a pointer to
// it is assignable to E, that is, implements or is E. The same question is
// asked again at run time, by a type assertion in the generated adapter.
//
// # Mistakes
//
// Every mistake is a diagnostic at the parameter, result list or name at
// fault, and analysis goes on with the next action. Types the type checker
// could not resolve are skipped rather than reported again: the type error
// is already in the list. Two actions with one name, anywhere in the run,
// get one diagnostic each, naming the other.
package analyze
