package gen

import (
	"path/filepath"

	"github.com/robusta-go/robusta/gen/docs"
	"github.com/robusta-go/robusta/gen/model"
	"github.com/robusta-go/robusta/gen/values"
	"github.com/robusta-go/robusta/internal/atomicfile"
)

// bundleDocs renders the files of DIR: each action's standalone params
// schema, the bundle's values.schema.json and ACTIONS.md.
func bundleDocs(b *model.Bundle, out string) ([]atomicfile.File, error) {
	var files []atomicfile.File
	for _, a := range b.Actions {
		data, err := values.ActionSchemaFile(b, a)
		if err != nil {
			return nil, atAction(a, err)
		}
		files = append(files, atomicfile.File{Path: filepath.Join(out, "actions", a.Name+".schema.json"), Data: data})
	}
	data, err := values.Schema(b)
	if err != nil {
		return nil, bundleError(b, err)
	}
	files = append(files, atomicfile.File{Path: filepath.Join(out, "values.schema.json"), Data: data})
	data, err = docs.Actions(b)
	if err != nil {
		return nil, bundleError(b, err)
	}
	files = append(files, atomicfile.File{Path: filepath.Join(out, "ACTIONS.md"), Data: data})
	return files, nil
}

// bundleError places errors of the bundle-wide files; those with a
// position of their own keep it. actionSchemas has already reported the
// params types, so this is rare.
func bundleError(b *model.Bundle, err error) error {
	if len(b.Actions) == 0 {
		return err
	}
	return atAction(b.Actions[0], err)
}
