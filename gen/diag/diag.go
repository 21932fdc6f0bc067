package diag

import (
	"cmp"
	"fmt"
	"go/token"
	"io"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
)

// Diagnostic is one mistake at one position. A zero Pos means the mistake
// has no place in the source (a missing module, an internal error).
type Diagnostic struct {
	Pos     token.Position
	Message string
}

// String formats d as "file:line:col: message".
func (d Diagnostic) String() string { return d.format("") }

// format is String with the file name made relative to dir when it lies
// under dir.
func (d Diagnostic) format(dir string) string {
	if !d.Pos.IsValid() && d.Pos.Filename == "" {
		return d.Message
	}
	p := d.Pos
	p.Filename = relative(dir, p.Filename)
	return p.String() + ": " + d.Message
}

func relative(dir, name string) string {
	if dir == "" || !filepath.IsAbs(name) {
		return name
	}
	rel, err := filepath.Rel(dir, name)
	if err != nil || rel == ".." || strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
		return name
	}
	return rel
}

// List is every diagnostic of a run.
type List []Diagnostic

// Add appends a diagnostic at pos.
func (l *List) Add(pos token.Position, format string, args ...any) {
	*l = append(*l, Diagnostic{Pos: pos, Message: fmt.Sprintf(format, args...)})
}

// Append appends the diagnostics of other lists.
func (l *List) Append(others ...List) {
	for _, o := range others {
		*l = append(*l, o...)
	}
}

// Sort orders l by file, line, column and message and drops exact
// duplicates: the go command and the type checker sometimes report one
// mistake twice.
func (l *List) Sort() {
	slices.SortFunc(*l, compare)
	*l = slices.CompactFunc(*l, func(a, b Diagnostic) bool { return compare(a, b) == 0 })
}

func compare(a, b Diagnostic) int {
	return cmp.Or(
		cmp.Compare(a.Pos.Filename, b.Pos.Filename),
		cmp.Compare(a.Pos.Line, b.Pos.Line),
		cmp.Compare(a.Pos.Column, b.Pos.Column),
		cmp.Compare(a.Message, b.Message),
	)
}

// Err returns l as an error, or nil when it is empty.
func (l List) Err() error {
	if len(l) == 0 {
		return nil
	}
	return l
}

// Error implements error: one diagnostic per line.
func (l List) Error() string {
	var b strings.Builder
	for i, d := range l {
		if i > 0 {
			b.WriteByte('\n')
		}
		b.WriteString(d.String())
	}
	return b.String()
}

// Print writes one diagnostic per line, with file names relative to dir
// when they lie under it.
func (l List) Print(w io.Writer, dir string) error {
	for _, d := range l {
		if _, err := fmt.Fprintln(w, d.format(dir)); err != nil {
			return err
		}
	}
	return nil
}

// ParsePosition reads the go command's "file:line:col" (or "file:line", or
// "-", or nothing) from the right, so that file names with colons (Windows
// drives) survive.
func ParsePosition(s string) token.Position {
	if s == "" || s == "-" {
		return token.Position{}
	}
	var nums []int
	rest := s
	for range 2 {
		i := strings.LastIndexByte(rest, ':')
		if i < 0 {
			break
		}
		n, err := strconv.Atoi(rest[i+1:])
		if err != nil {
			break
		}
		nums = append([]int{n}, nums...)
		rest = rest[:i]
	}
	p := token.Position{Filename: rest}
	if len(nums) > 0 {
		p.Line = nums[0]
	}
	if len(nums) > 1 {
		p.Column = nums[1]
	}
	return p
}
