package chart

import (
	_ "embed"
	"go/doc"

	"github.com/robusta-go/robusta/gen/docs"
	"github.com/robusta-go/robusta/gen/model"
)

//go:embed readme.md.tmpl
var readmeTemplate []byte

// readmeData is what readme.md.tmpl is executed with.
type readmeData struct {
	meta
	Actions []readmeAction
	// Writers are the actions that change the cluster.
	Writers []readmeAction
	Values  []readmeValue
}

// readmeAction is a row of the actions table; Writes, the write rules of
// a write action, puts it in the README's list of write actions too.
type readmeAction struct{ Name, Event, Summary, Writes string }

type readmeValue struct{ Key, Type, Default, Description string }

// readme renders README.md from m, b's actions and values.yaml's comments.
func readme(m meta, b *model.Bundle, valuesYAML []byte) ([]byte, error) {
	vals, err := ParseValues(valuesYAML)
	if err != nil {
		return nil, err
	}
	d := readmeData{meta: m}
	for _, a := range b.Actions {
		d.Actions = append(d.Actions, readmeAction{
			Name: a.Name, Event: docs.CodeSpan(a.EventName()), Summary: docs.TableCell(new(doc.Package).Synopsis(a.Doc)),
			Writes: docs.WriteRules(b.RBAC, a.Name),
		})
		if d.Actions[len(d.Actions)-1].Writes != "" {
			d.Writers = append(d.Writers, d.Actions[len(d.Actions)-1])
		}
	}
	for _, v := range vals {
		def := docs.CodeSpan(v.Default)
		if v.DefaultIsText {
			def = docs.TableCell(v.Default)
		}
		d.Values = append(d.Values, readmeValue{Key: docs.CodeSpan(v.Key), Type: docs.TableCell(v.Type), Default: def, Description: docs.TableCell(v.Description)})
	}
	return execute("readme.md.tmpl", readmeTemplate, d)
}
