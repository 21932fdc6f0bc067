package chart

import (
	"bytes"
	_ "embed"
	"encoding/json"
	"fmt"
	"slices"

	"github.com/robusta-go/robusta/gen/model"
	"github.com/robusta-go/robusta/gen/values"
	"github.com/robusta-go/robusta/runtime/config"
	rtschema "github.com/robusta-go/robusta/runtime/schema"
)

// chartKeys holds the schema of each chart key of values.yaml (every
// top-level key but the runner's and "global"), by key.
//
//go:embed chartkeys.schema.json
var chartKeys []byte

// Schema returns the chart's values.schema.json for b: gen/values' document
// with every chart key described by chartkeys.schema.json. The keys there
// and config.ChartKeys must be the same set (global aside, which gen/values
// declares), so that the runner, the bundle schema and the chart agree on
// the top-level keys.
func Schema(b *model.Bundle) ([]byte, error) {
	doc, err := values.Document(b)
	if err != nil {
		return nil, err
	}
	raw, err := rtschema.Marshal(doc)
	if err != nil {
		return nil, err
	}
	var root map[string]any
	if err := json.Unmarshal(raw, &root); err != nil {
		return nil, fmt.Errorf("re-reading the values schema: %w", err)
	}
	props, ok := root["properties"].(map[string]any)
	if !ok {
		return nil, fmt.Errorf("the values schema has no properties")
	}
	keys, err := ChartKeySchemas()
	if err != nil {
		return nil, err
	}
	for _, k := range config.ChartKeys {
		if k == "global" {
			continue
		}
		s, ok := keys[k]
		if !ok {
			return nil, fmt.Errorf("chart key %q (config.ChartKeys) has no schema in chartkeys.schema.json", k)
		}
		props[k] = s
	}
	for k := range keys {
		if !slices.Contains(config.ChartKeys, k) {
			return nil, fmt.Errorf("chartkeys.schema.json describes %q, which config.ChartKeys does not list", k)
		}
	}
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	if err := enc.Encode(root); err != nil {
		return nil, fmt.Errorf("encoding the values schema: %w", err)
	}
	return buf.Bytes(), nil
}

// ChartKeySchemas returns the schema of each chart key, decoded.
func ChartKeySchemas() (map[string]any, error) {
	var keys map[string]any
	if err := json.Unmarshal(chartKeys, &keys); err != nil {
		return nil, fmt.Errorf("reading chartkeys.schema.json: %w", err)
	}
	return keys, nil
}
