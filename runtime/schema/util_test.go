package schema_test

import (
	"strings"

	santhosh "github.com/santhosh-tekuri/jsonschema/v6"
)

func unmarshal(doc string) (any, error) { return santhosh.UnmarshalJSON(strings.NewReader(doc)) }
