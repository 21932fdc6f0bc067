package load

import (
	"path/filepath"
	"strings"

	"golang.org/x/tools/go/packages"

	"github.com/robusta-go/robusta/internal/diag"
)

// errorsOf turns a package's errors into diagnostics. The go command, the
// parser and the type checker each report through packages.Error, whose
// position is a string: "file:line:col", "file:line", or "" and "-" when
// there is none.
//
// Two kinds of noise are dropped. The parser reports a cascade after the
// first syntax error of a file; only that first one is kept, as the
// compiler does. And `go list -export` compiles the roots too, so a broken
// root comes with the compiler's "# pkg" output, which repeats what the
// parser and type checker said with positions of their own.
func errorsOf(p *packages.Package, dir string) diag.List {
	var l diag.List
	checked := false
	for _, e := range p.Errors {
		if e.Kind == packages.ParseError || e.Kind == packages.TypeError {
			checked = true
		}
	}
	parsed := map[string]bool{}
	for _, e := range p.Errors {
		pos := diag.ParsePosition(e.Pos)
		switch {
		case e.Kind == packages.ParseError && parsed[pos.File]:
			continue
		case e.Kind == packages.ParseError:
			parsed[pos.File] = true
		case e.Kind == packages.ListError && strings.HasPrefix(e.Msg, "# "):
			if !checked {
				l.Append(compilerOutput(e.Msg, dir))
			}
			continue
		case onlyRegistry(p):
			// A directory left with nothing but a stale registry: the
			// generator removes the file, which is no mistake of the author.
			continue
		}
		msg := e.Msg
		if pos.File == "" && p.PkgPath != "" {
			msg = p.PkgPath + ": " + msg // say which package it is about
		}
		l.Add(pos, msg)
	}
	return l
}

// onlyRegistry reports whether the build tag excluded every file of p and
// the only file was a generated registry.
func onlyRegistry(p *packages.Package) bool {
	return len(p.GoFiles) == 0 && len(p.IgnoredFiles) == 1 && filepath.Base(p.IgnoredFiles[0]) == RegistryFile
}

// compilerOutput reads the go command's "# pkg" block: one
// "file:line:col: message" per line, file names relative to dir.
func compilerOutput(msg, dir string) diag.List {
	var l diag.List
	lines := strings.Split(msg, "\n")
	for _, line := range lines[1:] {
		if line == "" {
			continue
		}
		pos, text, ok := splitPos(line)
		if !ok {
			l.Add(diag.Position{}, line)
			continue
		}
		if !filepath.IsAbs(pos.File) && dir != "" {
			pos.File = filepath.Join(dir, pos.File)
		}
		l.Add(pos, text)
	}
	return l
}

// splitPos splits "file:line:col: message".
func splitPos(line string) (diag.Position, string, bool) {
	for i := 0; i < len(line); i++ {
		if line[i] == ' ' && i > 0 && line[i-1] == ':' {
			pos := diag.ParsePosition(line[:i-1])
			if pos.Line > 0 {
				return pos, line[i+1:], true
			}
		}
	}
	return diag.Position{}, "", false
}
