package manual

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
)

// maxBody bounds a request body.
const maxBody = 1 << 20

// Request is the body of POST /api/trigger.
type Request struct {
	ActionName   string          `json:"action_name"`
	ActionParams json.RawMessage `json:"action_params,omitempty"`
	Kind         string          `json:"kind,omitempty"`
	Name         string          `json:"name,omitempty"`
	Namespace    string          `json:"namespace,omitempty"`
	// Sinks names the sinks to send the findings to; absent: the
	// defaults; [] is NoSinks.
	Sinks []string `json:"sinks,omitempty"`
	// NoSinks sends the findings nowhere: they are only returned.
	NoSinks bool `json:"no_sinks,omitempty"`
}

// decode reads one Request, rejecting unknown fields and trailing data.
func decode(r io.Reader) (*Request, error) {
	dec := json.NewDecoder(r)
	dec.DisallowUnknownFields()
	var req Request
	if err := dec.Decode(&req); err != nil {
		return nil, fmt.Errorf("reading request: %w", err)
	}
	if _, err := dec.Token(); !errors.Is(err, io.EOF) {
		return nil, errors.New("reading request: data after the JSON object")
	}
	if req.ActionName == "" {
		return nil, errors.New("action_name is required")
	}
	if p := bytes.TrimSpace(req.ActionParams); len(p) > 0 && p[0] != '{' && !bytes.Equal(p, []byte("null")) {
		return nil, fmt.Errorf("action_params must be an object, got %s", p)
	}
	if req.NoSinks && len(req.Sinks) > 0 {
		return nil, errors.New("sinks and no_sinks exclude each other")
	}
	if req.Sinks != nil && len(req.Sinks) == 0 {
		// "sinks": [] names no sink, as in values.yaml: the same as
		// no_sinks, not the defaults (found by FuzzDecodeRequest: the two
		// read alike after a round trip).
		req.Sinks, req.NoSinks = nil, true
	}
	if req.Kind == "" && (req.Name != "" || req.Namespace != "") {
		return nil, errors.New("name and namespace need a kind")
	}
	if req.Kind != "" && req.Name == "" {
		return nil, errors.New("kind needs a name")
	}
	return &req, nil
}
