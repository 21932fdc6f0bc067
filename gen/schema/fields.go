package schema

import (
	"cmp"
	"go/types"
	"reflect"
	"slices"
	"strings"
	"unicode"
)

// field is one JSON property of a struct, as encoding/json sees it.
type field struct {
	name   string
	tagged bool  // the name comes from a json tag
	index  []int // path of field indexes through embedded structs
	v      *types.Var
	tag    reflect.StructTag
	omit   bool // omitempty or omitzero
	quoted bool // ",string" on a scalar
}

// embedded is a struct reached through embedding, at some depth.
type embedded struct {
	st    *types.Struct
	key   string // identifies the type, for counting and visiting
	index []int
}

// jsonFields returns the fields encoding/json encodes for st, in field
// order. It follows encoding/json's typeFields: a breadth-first walk of the
// embedded structs; of several fields with one name, the shallowest wins,
// then the tagged one; a tie drops the name altogether.
func jsonFields(st *types.Struct) []field {
	var fields []field
	next := []embedded{{st: st, key: types.TypeString(st, nil)}}
	nextCount := map[string]int{next[0].key: 1}
	visited := map[string]bool{}
	for len(next) > 0 {
		current := next
		next = nil
		count := nextCount
		nextCount = map[string]int{}
		for _, e := range current {
			if visited[e.key] {
				continue
			}
			visited[e.key] = true
			for i := range e.st.NumFields() {
				v := e.st.Field(i)
				tag := reflect.StructTag(e.st.Tag(i))
				ft := types.Unalias(v.Type())
				if p, ok := ft.(*types.Pointer); ok {
					ft = types.Unalias(p.Elem())
				}
				_, isStruct := ft.Underlying().(*types.Struct)
				if v.Embedded() {
					if !v.Exported() && !isStruct {
						continue
					}
				} else if !v.Exported() {
					continue
				}
				if skipped(tag) {
					continue
				}
				name, opts, _ := strings.Cut(tag.Get("json"), ",")
				if !validName(name) {
					name = ""
				}
				index := append(slices.Clip(e.index), i)
				if name != "" || !v.Embedded() || !isStruct {
					f := field{
						name: cmp.Or(name, v.Name()), tagged: name != "", index: index, v: v, tag: tag,
						omit:   hasOpt(opts, "omitempty") || hasOpt(opts, "omitzero"),
						quoted: hasOpt(opts, "string") && isScalar(ft),
					}
					fields = append(fields, f)
					if count[e.key] > 1 {
						// The same struct twice at one depth: its fields
						// annihilate each other below.
						fields = append(fields, f)
					}
					continue
				}
				key := types.TypeString(ft, nil)
				nextCount[key]++
				if nextCount[key] == 1 {
					next = append(next, embedded{st: ft.Underlying().(*types.Struct), key: key, index: index})
				}
			}
		}
	}
	return dominant(fields)
}

// dominant keeps, per name, the field encoding/json would use, and returns
// the survivors in field order.
func dominant(fields []field) []field {
	slices.SortStableFunc(fields, func(a, b field) int {
		if c := cmp.Compare(a.name, b.name); c != 0 {
			return c
		}
		if c := cmp.Compare(len(a.index), len(b.index)); c != 0 {
			return c
		}
		if a.tagged != b.tagged {
			if a.tagged {
				return -1
			}
			return 1
		}
		return slices.Compare(a.index, b.index)
	})
	var out []field
	for i := 0; i < len(fields); {
		j := i + 1
		for j < len(fields) && fields[j].name == fields[i].name {
			j++
		}
		same := fields[i:j]
		if len(same) == 1 || len(same[0].index) != len(same[1].index) || same[0].tagged != same[1].tagged {
			out = append(out, same[0])
		}
		i = j
	}
	slices.SortFunc(out, func(a, b field) int { return slices.Compare(a.index, b.index) })
	return out
}

// skipped reports a field hidden by `json:"-"` or `jsonschema:"-"`.
func skipped(tag reflect.StructTag) bool {
	if tag.Get("json") == "-" {
		return true
	}
	first, _, _ := strings.Cut(tag.Get("jsonschema"), ",")
	return first == "-"
}

func hasOpt(opts, name string) bool {
	for o := range strings.SplitSeq(opts, ",") {
		if o == name {
			return true
		}
	}
	return false
}

// isScalar reports the types ",string" applies to.
func isScalar(t types.Type) bool {
	b, ok := t.Underlying().(*types.Basic)
	return ok && b.Info()&(types.IsBoolean|types.IsInteger|types.IsFloat|types.IsString) != 0
}

// validName is encoding/json's isValidTag.
func validName(s string) bool {
	if s == "" {
		return false
	}
	for _, c := range s {
		switch {
		case strings.ContainsRune("!#$%&()*+-./:;<=>?@[]^_{|}~ ", c):
		case !unicode.IsLetter(c) && !unicode.IsDigit(c):
			return false
		}
	}
	return true
}
