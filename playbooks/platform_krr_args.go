package playbooks

import (
	"fmt"
	"strings"
)

// splitArgs splits a command line as a POSIX shell (and Python's
// shlex.split, which Robusta uses) does, without running one: words are
// separated by blanks, 'single' and "double" quotes group, a backslash
// escapes the next character outside single quotes. The words reach KRR
// as its argv, never through a shell, so nothing in them is interpreted.
func splitArgs(s string) ([]string, error) {
	var (
		words  []string
		cur    strings.Builder
		inWord bool
		quote  rune
		escape bool
	)
	for _, r := range s {
		switch {
		case escape:
			cur.WriteRune(r)
			escape = false
		case quote == '\'':
			if r == '\'' {
				quote = 0
			} else {
				cur.WriteRune(r)
			}
		case r == '\\' && quote != '\'':
			escape, inWord = true, true
		case quote == '"':
			if r == '"' {
				quote = 0
			} else {
				cur.WriteRune(r)
			}
		case r == '\'' || r == '"':
			quote, inWord = r, true
		case r == ' ' || r == '\t' || r == '\n':
			if inWord {
				words = append(words, cur.String())
				cur.Reset()
				inWord = false
			}
		default:
			cur.WriteRune(r)
			inWord = true
		}
	}
	if quote != 0 {
		return nil, fmt.Errorf("unclosed %c quote in %q", quote, s)
	}
	if escape {
		return nil, fmt.Errorf("trailing backslash in %q", s)
	}
	if inWord {
		words = append(words, cur.String())
	}
	return words, nil
}

// krrForbiddenArgs are the flags krr_scan sets itself (Robusta refuses
// them too): the report must be JSON, and verbosity is krr_verbose.
var krrForbiddenArgs = []string{"-q", "-f", "-v", "--quiet", "--format", "--verbose"}

// checkKRRArgs refuses a forbidden flag, alone, as --flag=value or, for
// a short one, with its value attached (-fjson). Robusta looks for the
// flags as substrings of the whole line, refusing --foo-file too.
func checkKRRArgs(args []string) error {
	for _, a := range args {
		name, _, _ := strings.Cut(a, "=")
		for _, f := range krrForbiddenArgs {
			short := len(f) == 2 && !strings.HasPrefix(a, "--") && strings.HasPrefix(a, f)
			if name == f || short {
				return fmt.Errorf("argument %s is not allowed in krr_args: krr_scan sets it", f)
			}
		}
	}
	return nil
}
