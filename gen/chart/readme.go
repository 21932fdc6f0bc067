package chart

import (
	_ "embed"
	"go/doc"
	"strings"

	"github.com/robusta-go/robusta/gen/model"
)

//go:embed readme.md.tmpl
var readmeTemplate []byte

// readmeData is what readme.md.tmpl is executed with.
type readmeData struct {
	meta
	Actions []readmeAction
	Values  []readmeValue
}

type readmeAction struct{ Name, Event, Summary string }

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
			Name: a.Name, Event: code(a.EventName()), Summary: cell(new(doc.Package).Synopsis(a.Doc)),
		})
	}
	for _, v := range vals {
		def := code(v.Default)
		if v.DefaultIsText {
			def = cell(v.Default)
		}
		d.Values = append(d.Values, readmeValue{Key: code(v.Key), Type: cell(v.Type), Default: def, Description: cell(v.Description)})
	}
	return execute("readme.md.tmpl", readmeTemplate, d)
}

// cell makes text safe in a table cell: one line, pipes escaped.
func cell(text string) string {
	return strings.ReplaceAll(strings.Join(strings.Fields(text), " "), "|", `\|`)
}

// code is a Markdown code span of s, safe in a table cell.
func code(s string) string {
	if s == "" {
		return ""
	}
	tick := "`"
	for strings.Contains(s, tick) {
		tick += "`"
	}
	s = strings.ReplaceAll(s, "|", `\|`)
	if strings.HasPrefix(s, "`") || strings.HasSuffix(s, "`") {
		s = " " + s + " "
	}
	return tick + s + tick
}
