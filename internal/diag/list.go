package diag

import (
	"cmp"
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"slices"
	"strings"
)

// Error is one mistake at one position.
type Error struct {
	Pos Position
	Msg string
}

// Error is "file:line:col: message", or the message alone when the
// position is unknown (a missing module, an internal error).
func (e *Error) Error() string { return e.format("") }

// format is Error with the file name made relative to dir when it lies
// under dir.
func (e *Error) format(dir string) string {
	p := e.Pos
	p.File = relative(dir, p.File)
	if s := p.String(); s != "" {
		return s + ": " + e.Msg
	}
	return e.Msg
}

func relative(dir, name string) string {
	if dir == "" || !filepath.IsAbs(name) {
		return name
	}
	rel, err := filepath.Rel(dir, name)
	if err != nil || !filepath.IsLocal(rel) {
		return name
	}
	return rel
}

// List is every mistake of a run.
type List []*Error

// Add appends the mistake msg at pos.
func (l *List) Add(pos Position, msg string) {
	*l = append(*l, &Error{Pos: pos, Msg: msg})
}

// Errorf appends a mistake at pos, formatted as by fmt.Sprintf.
func (l *List) Errorf(pos Position, format string, args ...any) {
	l.Add(pos, fmt.Sprintf(format, args...))
}

// Append appends the mistakes of other lists.
func (l *List) Append(others ...List) {
	for _, o := range others {
		*l = append(*l, o...)
	}
}

// Collect appends err, flattened: each *Error of a List or of a joined
// error as it is, and any other error, or an *Error without a position,
// as a mistake at pos, so that a caller holding a plain error still
// reports it where it belongs. A nil err adds nothing.
func (l *List) Collect(pos Position, err error) {
	if err == nil {
		return
	}
	if j, ok := err.(interface{ Unwrap() []error }); ok {
		for _, e := range j.Unwrap() {
			l.Collect(pos, e)
		}
		return
	}
	if e, ok := errors.AsType[*Error](err); ok {
		if e.Pos == (Position{}) {
			e = &Error{Pos: pos, Msg: e.Msg}
		}
		*l = append(*l, e)
		return
	}
	l.Add(pos, err.Error())
}

// Sort orders l by file, line, column and message and drops exact
// repeats: the go command and the type checker sometimes report one
// mistake twice, and a YAML node reached through two aliases, or a type
// shared by two actions, would be reported once per path.
func (l *List) Sort() {
	slices.SortStableFunc(*l, compare)
	*l = slices.CompactFunc(*l, func(a, b *Error) bool { return *a == *b })
}

func compare(a, b *Error) int {
	return cmp.Or(
		cmp.Compare(a.Pos.File, b.Pos.File),
		cmp.Compare(a.Pos.Line, b.Pos.Line),
		cmp.Compare(a.Pos.Col, b.Pos.Col),
		cmp.Compare(a.Msg, b.Msg),
	)
}

// Err returns l as an error, or nil when it is empty: returning an empty
// List as an error would be a non-nil error with no message.
func (l List) Err() error {
	if len(l) == 0 {
		return nil
	}
	return l
}

// Error implements error: one mistake per line.
func (l List) Error() string {
	var b strings.Builder
	for i, e := range l {
		if i > 0 {
			b.WriteByte('\n')
		}
		b.WriteString(e.Error())
	}
	return b.String()
}

// Unwrap returns the mistakes, so that errors.As finds an *Error.
func (l List) Unwrap() []error {
	errs := make([]error, len(l))
	for i, e := range l {
		errs[i] = e
	}
	return errs
}

// Print writes one mistake per line, with file names relative to dir when
// they lie under it.
func (l List) Print(w io.Writer, dir string) error {
	for _, e := range l {
		if _, err := fmt.Fprintln(w, e.format(dir)); err != nil {
			return fmt.Errorf("printing diagnostics: %w", err)
		}
	}
	return nil
}
