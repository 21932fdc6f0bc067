package schema

import (
	"encoding/json"
	"errors"
	"fmt"
	"regexp"
	"strconv"
	"time"

	"github.com/invopop/jsonschema"

	rtschema "github.com/robusta-go/robusta/runtime/schema"
)

// value parses a tag value as an instance of s.
func value(s *jsonschema.Schema, val string) (any, error) {
	switch s.Type {
	case "string":
		if s.Pattern == rtschema.DurationPattern {
			if _, err := time.ParseDuration(val); err != nil {
				return nil, fmt.Errorf("not a duration: %w", err)
			}
		}
		if s.Format == "date-time" {
			if _, err := time.Parse(time.RFC3339, val); err != nil {
				return nil, fmt.Errorf("not an RFC 3339 time: %w", err)
			}
		}
		return val, nil
	case "integer":
		if _, err := strconv.ParseInt(val, 10, 64); err != nil {
			return nil, errors.New("not an integer")
		}
		return json.Number(val), nil
	case "number":
		if _, err := strconv.ParseFloat(val, 64); err != nil {
			return nil, errors.New("not a number")
		}
		return json.Number(val), nil
	case "boolean":
		b, err := strconv.ParseBool(val)
		if err != nil {
			return nil, errors.New("not a boolean")
		}
		return b, nil
	}
	var v any
	if err := json.Unmarshal([]byte(val), &v); err != nil {
		return nil, errors.New("not JSON (objects, lists and anything else take a JSON value)")
	}
	return v, nil
}

func number(s *jsonschema.Schema, key, val string) error {
	if s.Type != "integer" && s.Type != "number" {
		return fmt.Errorf("applies to numbers, not %s", typeName(s))
	}
	if _, err := strconv.ParseFloat(val, 64); err != nil {
		return errors.New("not a number")
	}
	n := json.Number(val)
	switch key {
	case "minimum":
		s.Minimum = n
	case "maximum":
		s.Maximum = n
	case "exclusiveMinimum":
		s.ExclusiveMinimum = n
	case "exclusiveMaximum":
		s.ExclusiveMaximum = n
	case "multipleOf":
		s.MultipleOf = n
	}
	return nil
}

func stringKeyword(s *jsonschema.Schema, key, val string) error {
	if s.Type != "string" {
		return fmt.Errorf("applies to strings, not %s", typeName(s))
	}
	switch key {
	case "minLength", "maxLength":
		n, err := strconv.ParseUint(val, 10, 64)
		if err != nil {
			return errors.New("not a length")
		}
		if key == "minLength" {
			s.MinLength = &n
		} else {
			s.MaxLength = &n
		}
	case "pattern":
		if _, err := regexp.Compile(val); err != nil {
			return fmt.Errorf("bad pattern: %w", err)
		}
		s.Pattern = val
	case "format":
		s.Format = val
	}
	return nil
}

func arrayKeyword(s *jsonschema.Schema, key, val string) error {
	if s.Type != "array" {
		return fmt.Errorf("applies to arrays, not %s", typeName(s))
	}
	if key == "uniqueItems" {
		b, err := flag(val)
		s.UniqueItems = b
		return err
	}
	n, err := strconv.ParseUint(val, 10, 64)
	if err != nil {
		return errors.New("not a count")
	}
	if key == "minItems" {
		s.MinItems = &n
	} else {
		s.MaxItems = &n
	}
	return nil
}

// flag parses a boolean key: bare ("required") or with a value.
func flag(val string) (bool, error) {
	if val == "" {
		return true, nil
	}
	b, err := strconv.ParseBool(val)
	if err != nil {
		return false, errors.New("not a boolean")
	}
	return b, nil
}

func typeName(s *jsonschema.Schema) string {
	if s.Type == "" {
		return "a value of any type"
	}
	return s.Type
}
