package build

import (
	"bytes"
	"fmt"
	"go/format"
	"strconv"
	"strings"
	"text/template"
	"unicode"

	"github.com/robusta-go/robusta/templates"
)

// buildModule is the generated main module's path. It is not a real
// domain's, so it can never clash with a module on the proxy.
const buildModule = "robusta.local/runner"

var (
	mainTmpl = template.Must(template.ParseFS(templates.Runner, "runner/main.go.tmpl"))
	modTmpl  = template.Must(template.ParseFS(templates.Runner, "runner/go.mod.tmpl"))
)

// importSpec is one playbook package in main.go.
type importSpec struct {
	Alias string
	Path  string
	// Without are the package's actions main.go leaves out: built-ins that
	// a repo's action replaces.
	Without []string
}

// renderMain writes the runner's main.go: runner.Main called with every
// playbook package's Actions, in order. The file is gofmt'd.
func renderMain(pkgs []playbook) ([]byte, error) {
	specs := aliases(pkgs)
	var b bytes.Buffer
	if err := mainTmpl.Execute(&b, struct{ Packages []importSpec }{specs}); err != nil {
		return nil, fmt.Errorf("rendering main.go: %w", err)
	}
	src, err := format.Source(b.Bytes())
	if err != nil {
		return nil, fmt.Errorf("formatting the generated main.go: %w\n%s", err, b.Bytes())
	}
	return src, nil
}

// aliases names each package's import uniquely: "builtin" for the
// built-in playbooks, else the package name (several packages are often
// called playbooks or common), numbered from 2 on a clash. Names the file
// itself uses (runner, main, fallback's blank) are taken from the start.
func aliases(pkgs []playbook) []importSpec {
	used := map[string]bool{"runner": true, "main": true, "builtin": true}
	out := make([]importSpec, 0, len(pkgs))
	for _, p := range pkgs {
		if p.Path == builtinPkg {
			out = append(out, importSpec{Alias: "builtin", Path: p.Path, Without: p.Without})
			continue
		}
		base := identifier(p.Name)
		alias := base
		for i := 2; used[alias]; i++ {
			alias = base + strconv.Itoa(i)
		}
		used[alias] = true
		out = append(out, importSpec{Alias: alias, Path: p.Path})
	}
	return out
}

// identifier is a package name made safe to use as an import alias; a
// package name is an identifier already, unless the package is broken.
func identifier(s string) string {
	var b strings.Builder
	for _, r := range s {
		if r == '_' || unicode.IsLetter(r) || unicode.IsDigit(r) && b.Len() > 0 {
			b.WriteRune(r)
		}
	}
	if b.Len() == 0 {
		return "pb"
	}
	return b.String()
}

// modData fills go.mod.tmpl.
type modData struct {
	Module   string
	Go       string
	Requires []modRequire
	// Replaces are whole replace lines, without the keyword.
	Replaces []string
}

type modRequire struct{ Path, Version string }

func renderMod(d modData) ([]byte, error) {
	var b bytes.Buffer
	if err := modTmpl.Execute(&b, d); err != nil {
		return nil, fmt.Errorf("rendering go.mod: %w", err)
	}
	return b.Bytes(), nil
}
