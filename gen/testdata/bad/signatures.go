package badpb

import (
	"context"

	"github.com/robusta-go/robusta/runtime/api"

	"example.com/badpb/fakeapi"
)

// P is a params struct.
type P struct {
	X string `json:"x"`
}

// Names is a named type that is not a struct.
type Names []string

// G is a generic struct.
type G[T any] struct {
	V T `json:"v"`
}

//robusta:action
func NoEvent() error { return nil } // want `action takes no event: want func\(\[ctx context.Context,\] event E\[, params P\]\) \[error\]`

//robusta:action
func OnlyContext(ctx context.Context) error { return nil } // want `action takes no event`

//robusta:action
func TooMany(ctx context.Context, event api.PodEvent, p P, q P) error { return nil } // want `too many parameters`

//robusta:action
func Swapped(ctx context.Context, p P, event api.PodEvent) error { return nil } // want `parameters out of order: the event comes before the params`

//robusta:action
func ContextLast(event api.PodEvent, ctx context.Context) error { return nil } // want `context.Context must be the first parameter`

//robusta:action
func MapParams(event api.PodEvent, p map[string]string) error { return nil } // want `params type map\[string\]string is not a named struct type`

//robusta:action
func SliceParams(event api.PodEvent, p Names) error { return nil } // want `params type Names is not a struct \(its underlying type is \[\]string\)`

//robusta:action
func AnonParams(event api.PodEvent, p struct{ X int }) error { return nil } // want `params type struct\{X int\} is an anonymous struct`

//robusta:action
func GenericParams(event api.PodEvent, p G[int]) error { return nil } // want `params type G\[int\] is generic`

//robusta:action
func Variadic(event api.PodEvent, p ...P) error { return nil } // want `variadic parameter`

//robusta:action
func StringEvent(event string) error { return nil } // want `event type string is not an event: want an event type of github.com/robusta-go/robusta/runtime/api`

//robusta:action
func FindingEvent(event *api.Finding) error { return nil } // want `event type \*api.Finding is not an event`

//robusta:action
func ValueEvent(event api.PodChangeEvent) error { return nil } // want `event type api.PodChangeEvent must be a pointer: \*api.PodChangeEvent`

//robusta:action
func FakeEvent(event fakeapi.PodEvent) error { return nil } // want `event type fakeapi.PodEvent \(from example.com/badpb/fakeapi\) is not an event of github.com/robusta-go/robusta/runtime/api`

//robusta:action
func FakeConcrete(event *fakeapi.PodChangeEvent) error { return nil } // want `event type \*fakeapi.PodChangeEvent \(from example.com/badpb/fakeapi\) is not an event`

//robusta:action
func TwoResults(event api.PodEvent) (int, error) { return 0, nil } // want `action returns \(int, error\): it must return nothing or error`

//robusta:action
func StringResult(event api.PodEvent) string { return "" } // want `action returns \(string\): it must return nothing or error`

// Shared has the name another package's action has.
//
//robusta:action name=shared_name
func Shared(event api.PodEvent) {} // want `duplicate action name "shared_name": also declared by example.com/badpb/dup.Shared \(dup/dup.go:\d+:\d+\)`
