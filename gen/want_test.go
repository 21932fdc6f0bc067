package gen

import (
	"fmt"
	"go/scanner"
	"go/token"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/robusta-go/robusta/internal/diag"
)

// expectation is one `// want "regexp"` of a testdata file: a diagnostic
// whose message matches re is expected on that line.
type expectation struct {
	pos token.Position // file and line
	re  *regexp.Regexp
	met bool
}

// wants reads every `// want` comment of the Go files under dir (and
// every `# want` comment of its YAML files), in the manner of
// golang.org/x/tools/go/analysis/analysistest: the comment may follow code
// or a directive on the same line and lists one or more Go string literals
// (quoted or raw), each a regexp. Files are scanned, not parsed, so files
// with syntax errors can carry expectations too.
func wants(t *testing.T, dir string) []*expectation {
	t.Helper()
	var out []*expectation
	err := filepath.WalkDir(dir, func(path string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		src, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		abs, _ := filepath.Abs(path)
		if strings.HasSuffix(path, ".yaml") {
			ws, err := yamlWants(abs, src)
			out = append(out, ws...)
			return err
		}
		if !strings.HasSuffix(path, ".go") {
			return nil
		}
		fset := token.NewFileSet()
		var s scanner.Scanner
		s.Init(fset.AddFile(abs, -1, len(src)), src, nil, scanner.ScanComments)
		for {
			pos, tok, lit := s.Scan()
			if tok == token.EOF {
				break
			}
			if tok != token.COMMENT {
				continue
			}
			i := strings.Index(lit, "// want ")
			if i < 0 {
				continue
			}
			res, err := literals(lit[i+len("// want "):])
			if err != nil {
				return fmt.Errorf("%s: %v", fset.Position(pos), err)
			}
			p := fset.Position(pos)
			for _, re := range res {
				out = append(out, &expectation{pos: token.Position{Filename: p.Filename, Line: p.Line}, re: re})
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// yamlWants reads the `# want` comments of a YAML file, line by line.
func yamlWants(file string, src []byte) ([]*expectation, error) {
	var out []*expectation
	for i, line := range strings.Split(string(src), "\n") {
		_, rest, ok := strings.Cut(line, "# want ")
		if !ok {
			continue
		}
		res, err := literals(rest)
		if err != nil {
			return nil, fmt.Errorf("%s:%d: %v", file, i+1, err)
		}
		for _, re := range res {
			out = append(out, &expectation{pos: token.Position{Filename: file, Line: i + 1}, re: re})
		}
	}
	return out, nil
}

// literals reads a space-separated list of Go string literals as regexps.
func literals(s string) ([]*regexp.Regexp, error) {
	var out []*regexp.Regexp
	for s = strings.TrimSpace(s); s != ""; s = strings.TrimSpace(s) {
		q, err := strconv.QuotedPrefix(s)
		if err != nil {
			return nil, fmt.Errorf("want: bad literal at %q", s)
		}
		s = s[len(q):]
		u, _ := strconv.Unquote(q)
		re, err := regexp.Compile(u)
		if err != nil {
			return nil, err
		}
		out = append(out, re)
	}
	return out, nil
}

// checkWants matches each diagnostic with an unmet expectation on its line
// and fails on every unexpected diagnostic and every unmet expectation.
func checkWants(t *testing.T, got diag.List, want []*expectation) {
	t.Helper()
	for _, d := range got {
		matched := false
		for _, w := range want {
			if !w.met && w.pos.Filename == d.Pos.File && w.pos.Line == d.Pos.Line && w.re.MatchString(d.Msg) {
				w.met, matched = true, true
				break
			}
		}
		if !matched {
			t.Errorf("unexpected diagnostic: %s", d)
		}
	}
	for _, w := range want {
		if !w.met {
			t.Errorf("%s:%d: no diagnostic matched %q", w.pos.Filename, w.pos.Line, w.re)
		}
	}
}
