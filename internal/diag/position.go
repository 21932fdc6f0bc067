package diag

import (
	"go/token"
	"strconv"
	"strings"
)

// Position is a place in a file. Line and Col count from 1; 0 is unknown.
type Position struct {
	File      string
	Line, Col int
}

// At converts a go/token position, the generator's, to a Position. The
// byte offset is dropped: no message prints it.
func At(p token.Position) Position {
	return Position{File: p.Filename, Line: p.Line, Col: p.Column}
}

// IsValid reports whether p has a line.
func (p Position) IsValid() bool { return p.Line > 0 }

// String is "file:line:col", "file:line" without a column, "file" without
// a line, "line:col" without a file, and "" when p is the zero Position.
func (p Position) String() string {
	s := p.File
	if p.IsValid() {
		if s != "" {
			s += ":"
		}
		s += strconv.Itoa(p.Line)
		if p.Col > 0 {
			s += ":" + strconv.Itoa(p.Col)
		}
	}
	return s
}

// ParsePosition reads the go command's "file:line:col" (or "file:line", or
// "-", or nothing) from the right, so that file names with colons (Windows
// drives) survive.
func ParsePosition(s string) Position {
	if s == "" || s == "-" {
		return Position{}
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
	p := Position{File: rest}
	if len(nums) > 0 {
		p.Line = nums[0]
	}
	if len(nums) > 1 {
		p.Col = nums[1]
	}
	return p
}
