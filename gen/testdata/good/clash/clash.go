// Package clash declares, at package level, the names the generated
// registry would otherwise use for its imports and locals: the registry
// must choose others and still compile.
package clash

import (
	stdctx "context"

	rapi "github.com/robusta-go/robusta/runtime/api"

	"example.com/goodpb/common"
)

var (
	context = "not the package"
	api     = "not the package"
	ctx, ok = 1, 2
	ev      = 3
)

type registry struct{}

func p() int { return 1 }

// Clash has a params type from another package and every clash above.
//
//robusta:action
func Clash(c stdctx.Context, e rapi.PodEvent, params *common.Params) error {
	_, _, _, _, _, _, _ = context, api, ctx, ok, ev, registry{}, p()
	return nil
}
