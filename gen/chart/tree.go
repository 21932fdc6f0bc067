package chart

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io/fs"
	"strings"
	"text/template"

	"github.com/robusta-go/robusta/templates"
)

// root is the chart's directory inside templates.Chart.
const root = "chart"

// copyTree returns the files of templates.Chart by their slash-separated
// path in the chart: *.tmpl files executed with m ([[ ]] delimiters, the
// suffix dropped), every other file as it is.
func copyTree(m meta) (map[string][]byte, error) {
	tree := map[string][]byte{}
	err := fs.WalkDir(templates.Chart, root, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := fs.ReadFile(templates.Chart, path)
		if err != nil {
			return fmt.Errorf("reading embedded %s: %w", path, err)
		}
		rel := strings.TrimPrefix(path, root+"/")
		if name, ok := strings.CutSuffix(rel, ".tmpl"); ok {
			if data, err = execute(rel, data, m); err != nil {
				return err
			}
			rel = name
		}
		tree[rel] = data
		return nil
	})
	if err != nil {
		return nil, err
	}
	for _, need := range []string{"Chart.yaml", "values.yaml"} {
		if tree[need] == nil {
			return nil, fmt.Errorf("the embedded chart has no %s", need)
		}
	}
	return tree, nil
}

// funcs are the functions of the [[ ]] templates.
var funcs = template.FuncMap{
	// quote writes s as a YAML double-quoted scalar: a JSON string is one.
	"quote": func(s string) (string, error) {
		b, err := json.Marshal(s)
		return string(b), err
	},
}

// execute runs one *.tmpl file. Helm's own {{ }} actions in it are text.
func execute(name string, text []byte, data any) ([]byte, error) {
	t, err := template.New(name).Delims("[[", "]]").Funcs(funcs).Option("missingkey=error").Parse(string(text))
	if err != nil {
		return nil, fmt.Errorf("parsing embedded %s: %w", name, err)
	}
	var buf bytes.Buffer
	if err := t.Execute(&buf, data); err != nil {
		return nil, fmt.Errorf("rendering %s: %w", name, err)
	}
	return buf.Bytes(), nil
}
