package registry

import (
	"bytes"
	"encoding/json"
	"fmt"
	"reflect"
	"time"
)

var durationType = reflect.TypeFor[time.Duration]()

// Decode reads params into v, a pointer to a params struct, rejecting
// unknown fields. Durations are written as strings ("90s", "1h"), as the
// schema says, and converted here; this runs once per playbook at load.
func Decode(params []byte, v any) error {
	if len(bytes.TrimSpace(params)) == 0 {
		params = []byte("{}")
	}
	var tree any
	if err := json.Unmarshal(params, &tree); err != nil {
		return fmt.Errorf("reading params: %w", err)
	}
	tree, err := durations(tree, reflect.TypeOf(v).Elem(), "")
	if err != nil {
		return err
	}
	b, err := json.Marshal(tree)
	if err != nil {
		return fmt.Errorf("re-encoding params: %w", err)
	}
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		return fmt.Errorf("decoding params: %w", err)
	}
	return nil
}

// durations walks the JSON tree beside the Go type and turns duration
// strings into nanoseconds, which is what encoding/json expects.
func durations(v any, t reflect.Type, path string) (any, error) {
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	if t == durationType {
		s, ok := v.(string)
		if !ok {
			return v, nil
		}
		d, err := time.ParseDuration(s)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", orRoot(path), err)
		}
		return int64(d), nil
	}
	switch t.Kind() {
	case reflect.Struct:
		m, ok := v.(map[string]any)
		if !ok {
			return v, nil
		}
		for i := range t.NumField() {
			f := t.Field(i)
			if f.Anonymous && f.Tag.Get("json") == "" && derefKind(f.Type) == reflect.Struct {
				// encoding/json promotes an untagged embedded struct's
				// fields into this object: walk them at this level.
				if _, err := durations(m, f.Type, path); err != nil {
					return nil, err
				}
				continue
			}
			name := jsonName(f)
			if name == "" {
				continue
			}
			if x, ok := m[name]; ok {
				nv, err := durations(x, f.Type, path+"."+name)
				if err != nil {
					return nil, err
				}
				m[name] = nv
			}
		}
	case reflect.Slice, reflect.Array:
		l, ok := v.([]any)
		if !ok {
			return v, nil
		}
		for i, x := range l {
			nv, err := durations(x, t.Elem(), fmt.Sprintf("%s[%d]", path, i))
			if err != nil {
				return nil, err
			}
			l[i] = nv
		}
	case reflect.Map:
		m, ok := v.(map[string]any)
		if !ok {
			return v, nil
		}
		for k, x := range m {
			nv, err := durations(x, t.Elem(), path+"."+k)
			if err != nil {
				return nil, err
			}
			m[k] = nv
		}
	}
	return v, nil
}

func derefKind(t reflect.Type) reflect.Kind {
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	return t.Kind()
}

func orRoot(path string) string {
	if path == "" {
		return "params"
	}
	return path[1:]
}

// jsonName is the field's JSON name as encoding/json sees it; "" when the
// field is not encoded.
func jsonName(f reflect.StructField) string {
	if !f.IsExported() {
		return ""
	}
	tag := f.Tag.Get("json")
	if tag == "-" {
		return ""
	}
	if i := bytes.IndexByte([]byte(tag), ','); i >= 0 {
		tag = tag[:i]
	}
	if tag == "" {
		return f.Name
	}
	return tag
}
