package scope

import (
	"errors"
	"fmt"
	"maps"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/robusta-go/robusta/internal/suggest"
)

// Scope is a compiled Params. It is immutable and safe for concurrent use.
type Scope struct {
	include, exclude []entry
}

// entry is one compiled include or exclude element: all of plain and maps
// must match.
type entry struct {
	plain []plainMatcher
	maps  []mapMatcher
	paths []pathMatcher
}

// plainMatcher matches a plain attribute: any of res.
type plainMatcher struct {
	attr string
	res  []*regexp.Regexp
}

// mapMatcher matches a map attribute: any of exprs.
type mapMatcher struct {
	attr  string
	exprs []mapExpr
}

// mapExpr is one "k1=re1, k2!=re2" expression: all of its pairs.
type mapExpr []pair

// pair is one k=re (or k!=re when negate) condition.
type pair struct {
	key    string
	negate bool
	re     *regexp.Regexp
}

// Compile checks p against the attribute names allowed, plain, map and
// path attributes given separately (a name in more than one is a path
// attribute, else a map attribute), and compiles every regex. Every problem is reported, as *Error values joined
// with errors.Join, in the order they appear (attributes within an entry in
// name order); on error the *Scope is nil.
func Compile(p Params, plain, maps []string, paths ...string) (*Scope, error) {
	c := compiler{plain: plain, maps: maps, paths: paths}
	s := &Scope{
		include: c.entries("include", p.Include),
		exclude: c.entries("exclude", p.Exclude),
	}
	if len(c.errs) > 0 {
		return nil, errors.Join(c.errs...)
	}
	return s, nil
}

// compiler accumulates errors while compiling one Params.
type compiler struct {
	plain, maps, paths []string
	errs               []error
}

func (c *compiler) fail(err error, path ...string) {
	c.errs = append(c.errs, &Error{Path: path, Err: err})
}

func (c *compiler) entries(section string, in []Entry) []entry {
	out := make([]entry, 0, len(in))
	for i, e := range in {
		out = append(out, c.entry(section, strconv.Itoa(i), e))
	}
	return out
}

func (c *compiler) entry(section, idx string, e Entry) entry {
	var out entry
	if len(e) == 0 {
		c.fail(ErrEmptyEntry, section, idx)
		return out
	}
	for _, attr := range slices.Sorted(maps.Keys(e)) {
		vals := e[attr]
		path := []string{section, idx, attr}
		isMap, ok := c.attribute(attr, vals, path)
		switch {
		case !ok:
		case slices.Contains(c.paths, attr):
			m := pathMatcher{attr: attr}
			for j, v := range vals {
				m.exprs = append(m.exprs, c.pathExpr(v, valuePath(path, j, len(vals))))
			}
			out.paths = append(out.paths, m)
		case isMap:
			m := mapMatcher{attr: attr}
			for j, v := range vals {
				m.exprs = append(m.exprs, c.mapExpr(v, valuePath(path, j, len(vals))))
			}
			out.maps = append(out.maps, m)
		default:
			m := plainMatcher{attr: attr}
			for j, v := range vals {
				m.res = append(m.res, c.regex(v, valuePath(path, j, len(vals))))
			}
			out.plain = append(out.plain, m)
		}
	}
	return out
}

// attribute reports whether attr is a map attribute, or records why it
// cannot be used (unknown, with a suggestion; no values) and returns !ok.
func (c *compiler) attribute(attr string, vals Values, path []string) (isMap, ok bool) {
	isMap = slices.Contains(c.maps, attr)
	switch {
	case !isMap && !slices.Contains(c.plain, attr) && !slices.Contains(c.paths, attr):
		msg := fmt.Errorf("%w %q", ErrUnknownAttribute, attr)
		if s := suggest.Closest(attr, slices.Concat(c.plain, c.maps, c.paths)); s != "" {
			msg = fmt.Errorf("%w %q (did you mean %q?)", ErrUnknownAttribute, attr, s)
		}
		c.fail(msg, path...)
		return false, false
	case len(vals) == 0:
		c.fail(ErrNoValues, path...)
		return false, false
	}
	return isMap, true
}

// valuePath is the path of value j of n: the attribute's own path when it
// has a single value (usually written as a plain string), else indexed.
func valuePath(attrPath []string, j, n int) []string {
	if n == 1 {
		return attrPath
	}
	return append(slices.Clip(attrPath), strconv.Itoa(j))
}

// mapExpr compiles "k1=re1, k2!=re2". Each pair is split at its first '=';
// a '!' just before it makes the pair a !=.
func (c *compiler) mapExpr(expr string, path []string) mapExpr {
	var out mapExpr
	for raw := range strings.SplitSeq(expr, ",") {
		key, re, ok := strings.Cut(raw, "=")
		key = strings.TrimSpace(key)
		p := pair{}
		if k, neg := strings.CutSuffix(key, "!"); neg {
			key, p.negate = strings.TrimSpace(k), true
		}
		if !ok || key == "" {
			c.fail(fmt.Errorf("%w %q: want key=regex or key!=regex", ErrMalformedPair, strings.TrimSpace(raw)), path...)
			continue
		}
		p.key = key
		p.re = c.regex(strings.TrimSpace(re), path)
		out = append(out, p)
	}
	return out
}

// regex compiles re for a full match.
func (c *compiler) regex(re string, path []string) *regexp.Regexp { return c.anchored(re, "$", path) }

// anchored compiles re anchored at the start and followed by end ("$" for
// a full match, "" for Python's re.match). re is compiled alone first: that
// gives an error message about what the user wrote, and guarantees the
// anchors wrap all of it. A bad regex is recorded and gives nil.
func (c *compiler) anchored(re, end string, path []string) *regexp.Regexp {
	if _, err := regexp.Compile(re); err != nil {
		c.fail(fmt.Errorf("%w %q: %w", ErrBadRegex, re, err), path...)
		return nil
	}
	return regexp.MustCompile(`^(?:` + re + `)` + end)
}
