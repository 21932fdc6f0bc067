package schema

import (
	"errors"
	"strings"

	"github.com/invopop/jsonschema"
)

// arrayKey reports the tag keys that apply to an array itself; on an array
// field every other value keyword applies to its items, as in invopop.
func arrayKey(key string) bool {
	switch key {
	case "minItems", "maxItems", "uniqueItems", "default", "title", "description",
		"required", "readOnly", "writeOnly", "deprecated":
		return true
	}
	return false
}

// tags applies f's jsonschema and jsonschema_description tags to p and
// returns whether the property is required (the tag "required" forces it).
func (w *walker) tags(p *jsonschema.Schema, f field, at site, required bool) bool {
	if d := f.tag.Get("jsonschema_description"); d != "" {
		p.Description = d
	}
	raw := f.tag.Get("jsonschema")
	if raw == "" {
		return required
	}
	enumFromTag := false
	var defaults []any
	for _, item := range splitUnescaped(raw) {
		if item == "" {
			continue
		}
		key, val, _ := strings.Cut(item, "=")
		t := p
		if p.Type == "array" && !arrayKey(key) && p.Items != nil {
			t = p.Items
		}
		var err error
		switch key {
		case "required":
			required, err = flag(val)
		case "title":
			t.Title = val
		case "description":
			t.Description = val
		case "default":
			var v any
			if p.Type == "array" && p.Items != nil {
				if v, err = value(p.Items, val); err == nil {
					defaults = append(defaults, v)
				}
			} else if v, err = value(t, val); err == nil {
				t.Default = v
			}
		case "example":
			var v any
			if v, err = value(t, val); err == nil {
				t.Examples = append(t.Examples, v)
			}
		case "enum":
			if !enumFromTag {
				t.Enum, enumFromTag = nil, true
			}
			var v any
			if v, err = value(t, val); err == nil {
				t.Enum = append(t.Enum, v)
			}
		case "minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum", "multipleOf":
			err = number(t, key, val)
		case "minLength", "maxLength", "pattern", "format":
			err = stringKeyword(t, key, val)
		case "minItems", "maxItems", "uniqueItems":
			err = arrayKeyword(p, key, val)
		case "readOnly":
			t.ReadOnly, err = flag(val)
		case "writeOnly":
			t.WriteOnly, err = flag(val)
		case "deprecated":
			t.Deprecated, err = flag(val)
		default:
			err = errors.New("unknown key")
		}
		if err != nil {
			w.errorf(at, "jsonschema tag %s on %s: %v", item, w.where(at), err)
		}
	}
	if defaults != nil {
		p.Default = defaults
	}
	return required
}

// splitUnescaped splits a tag on commas not preceded by a backslash, so
// that patterns can hold commas (invopop's splitOnUnescapedCommas).
func splitUnescaped(tag string) []string {
	var out []string
	var cur strings.Builder
	for i := 0; i < len(tag); i++ {
		switch {
		case tag[i] == '\\' && i+1 < len(tag) && tag[i+1] == ',':
			cur.WriteByte(',')
			i++
		case tag[i] == ',':
			out = append(out, cur.String())
			cur.Reset()
		default:
			cur.WriteByte(tag[i])
		}
	}
	return append(out, cur.String())
}
