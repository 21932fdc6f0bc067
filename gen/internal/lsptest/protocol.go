package lsptest

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/url"
	"path/filepath"
)

// The few LSP types the tests read. Fields the tests do not look at are
// left out; unknown fields are ignored by encoding/json.

// Position is a zero-based line and character offset. Characters count
// UTF-16 code units, LSP's default position encoding.
type Position struct {
	Line      int `json:"line"`
	Character int `json:"character"`
}

// Range is a half-open span of positions.
type Range struct {
	Start Position `json:"start"`
	End   Position `json:"end"`
}

// Item is one completion item.
type Item struct {
	Label      string `json:"label"`
	Kind       int    `json:"kind,omitempty"`
	Detail     string `json:"detail,omitempty"`
	InsertText string `json:"insertText,omitempty"`
	FilterText string `json:"filterText,omitempty"`
	SortText   string `json:"sortText,omitempty"`
	// Documentation is a string or a MarkupContent object; kept raw.
	Documentation json.RawMessage `json:"documentation,omitempty"`
}

// Diagnostic is one problem the server reports in a document.
type Diagnostic struct {
	Range    Range  `json:"range"`
	Severity int    `json:"severity,omitempty"`
	Source   string `json:"source,omitempty"`
	Message  string `json:"message"`
	// Code is a number or a string; kept raw.
	Code json.RawMessage `json:"code,omitempty"`
}

func (d Diagnostic) String() string {
	return fmt.Sprintf("%d:%d: %s", d.Range.Start.Line+1, d.Range.Start.Character+1, d.Message)
}

// publishDiagnosticsParams is textDocument/publishDiagnostics.
type publishDiagnosticsParams struct {
	URI         string       `json:"uri"`
	Diagnostics []Diagnostic `json:"diagnostics"`
}

// configurationParams is workspace/configuration: the server asks for one
// value per item, in order.
type configurationParams struct {
	Items []struct {
		ScopeURI string `json:"scopeUri,omitempty"`
		Section  string `json:"section,omitempty"`
	} `json:"items"`
}

// completionList is the object form of a completion result.
type completionList struct {
	IsIncomplete bool   `json:"isIncomplete"`
	Items        []Item `json:"items"`
}

// decodeCompletion accepts every shape LSP allows for a completion result:
// null, CompletionItem[] or CompletionList.
func decodeCompletion(raw json.RawMessage) ([]Item, error) {
	raw = bytes.TrimSpace(raw)
	switch {
	case len(raw) == 0 || bytes.Equal(raw, jsonNull):
		return nil, nil
	case raw[0] == '[':
		var items []Item
		if err := json.Unmarshal(raw, &items); err != nil {
			return nil, fmt.Errorf("decoding completion items: %w", err)
		}
		return items, nil
	case raw[0] == '{':
		var list completionList
		if err := json.Unmarshal(raw, &list); err != nil {
			return nil, fmt.Errorf("decoding completion list: %w", err)
		}
		return list.Items, nil
	default:
		return nil, fmt.Errorf("completion result is neither a list nor an array: %.80s", raw)
	}
}

// FileURI turns a file path into the file:// URI LSP names documents by.
func FileURI(path string) (string, error) {
	abs, err := filepath.Abs(path)
	if err != nil {
		return "", fmt.Errorf("making %s absolute: %w", path, err)
	}
	return (&url.URL{Scheme: "file", Path: filepath.ToSlash(abs)}).String(), nil
}

// Labels returns the items' labels, in the server's order.
func Labels(items []Item) []string {
	out := make([]string, len(items))
	for i, it := range items {
		out[i] = it.Label
	}
	return out
}
