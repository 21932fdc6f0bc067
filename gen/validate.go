package gen

import (
	"context"
	"errors"

	"github.com/robusta-go/robusta/gen/model"
	"github.com/robusta-go/robusta/gen/staticset"
	"github.com/robusta-go/robusta/internal/diag"
	"github.com/robusta-go/robusta/runtime/config"
)

// Validate checks a values file (filename names it in positions; data is
// its content) against the actions of opts' packages with the runtime's
// own loader, as the runner will at start: the bundle is opts' packages
// with the built-in playbooks unless opts.NoBuiltins, as in the runner.
// Mistakes in the sources and problems in the values file both come back
// as a diag.List; the bundle, when it could be analysed, is returned for
// its Notes.
func Validate(ctx context.Context, opts Options, filename string, data []byte) (b *model.Bundle, err error) {
	defer recoverInternal(&err)
	b, err = Analyze(ctx, opts)
	if err != nil {
		return b, err
	}
	schemas, err := actionSchemas(b)
	if err != nil {
		return b, err
	}
	set, err := staticset.New(b, schemas.embedded)
	if err != nil {
		return b, err
	}
	_, err = config.Load(filename, data, set)
	// The loader's errors are the generator's diagnostics already (both
	// are internal/diag lists): unwrapped, they print like the others.
	var list diag.List
	if !errors.As(err, &list) {
		return b, err
	}
	return b, list
}
