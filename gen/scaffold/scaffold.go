// Package scaffold is robusta-gen init: it writes a new playbook
// repository that works at once — go generate, go vet, go test and
// robusta-gen validate pass on it — from the templates in templates/init:
// go.mod requiring the runtime with robusta-gen as a tool, a package with
// an example action and its apitest test, values.yaml with the schema
// modeline, a Makefile and a CI workflow.
package scaffold

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path"
	"path/filepath"
	"strings"
	"text/template"
	"unicode"

	"golang.org/x/mod/module"

	"github.com/robusta-go/robusta/templates"
)

// Options say what to write.
type Options struct {
	// Dir is the new repository's directory: absent or empty.
	Dir string
	// Module is its module path; default: example.com/<base of Dir>.
	Module string
	// Version is the robusta module version to require.
	Version string
	// Replace, when set, points the robusta module at a local checkout
	// (made absolute): for a generator that is not a released version.
	Replace string
	// Go is the go line of go.mod.
	Go string
}

// data fills the templates.
type data struct {
	Module, Package, Version, Replace, Go string
}

// Write writes the repository and resolves its modules (go mod tidy), so
// that go.sum is complete. It refuses a Dir that has files.
func Write(ctx context.Context, o Options) ([]string, error) {
	if entries, err := os.ReadDir(o.Dir); err == nil && len(entries) > 0 {
		return nil, fmt.Errorf("%s is not empty: robusta-gen init writes a new repository", o.Dir)
	} else if err != nil && !errors.Is(err, fs.ErrNotExist) {
		return nil, err
	}
	d, err := o.data()
	if err != nil {
		return nil, err
	}
	var written []string
	err = fs.WalkDir(templates.Init, "init", func(p string, e fs.DirEntry, err error) error {
		if err != nil || e.IsDir() {
			return err
		}
		out, err := render(p, d)
		if err != nil {
			return err
		}
		rel := strings.TrimSuffix(strings.TrimPrefix(p, "init/"), ".tmpl")
		if rel == "gitignore" { // named .gitignore here, it would apply to this repository
			rel = ".gitignore"
		}
		dst := filepath.Join(o.Dir, filepath.FromSlash(rel))
		if err := os.MkdirAll(filepath.Dir(dst), 0o755); err != nil {
			return err
		}
		written = append(written, rel)
		return os.WriteFile(dst, out, 0o644)
	})
	if err != nil {
		return written, fmt.Errorf("writing the repository: %w", err)
	}
	cmd := exec.CommandContext(ctx, "go", "mod", "tidy")
	cmd.Dir = o.Dir
	if out, err := cmd.CombinedOutput(); err != nil {
		return written, fmt.Errorf("go mod tidy in %s: %w\n%s", o.Dir, err, out)
	}
	return written, nil
}

func (o Options) data() (data, error) {
	abs, err := filepath.Abs(o.Dir)
	if err != nil {
		return data{}, err
	}
	d := data{Module: o.Module, Version: o.Version, Go: o.Go}
	if d.Module == "" {
		d.Module = "example.com/" + strings.ToLower(filepath.Base(abs))
	}
	if err := module.CheckPath(d.Module); err != nil {
		return data{}, fmt.Errorf("--module: %w", err)
	}
	d.Package = packageName(path.Base(d.Module))
	if o.Replace != "" {
		if d.Replace, err = filepath.Abs(o.Replace); err != nil {
			return data{}, err
		}
		if _, err := os.Stat(filepath.Join(d.Replace, "go.mod")); err != nil {
			return data{}, fmt.Errorf("--replace %s: not a module directory: %w", o.Replace, err)
		}
		if d.Version == "" {
			d.Version = "v0.0.0"
		}
	}
	if d.Version == "" {
		return data{}, errors.New("no robusta version to require: this robusta-gen is a local build; give --replace DIR (the checkout it was built from)")
	}
	return d, nil
}

func render(name string, d data) ([]byte, error) {
	t, err := template.ParseFS(templates.Init, name)
	if err != nil {
		return nil, err
	}
	var b bytes.Buffer
	if err := t.Execute(&b, d); err != nil {
		return nil, fmt.Errorf("rendering %s: %w", name, err)
	}
	return b.Bytes(), nil
}

// packageName makes the module's last element a Go package name: letters
// and digits, lower case, not starting with a digit.
func packageName(s string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(s) {
		if unicode.IsLetter(r) || unicode.IsDigit(r) && b.Len() > 0 {
			b.WriteRune(r)
		}
	}
	if b.Len() == 0 || b.String() == "main" {
		return "playbooks"
	}
	return b.String()
}
