package lsptest

import (
	"context"
	"fmt"
)

// Open tells the server a document is open with the given text; the server
// validates it (after its debounce) and publishes diagnostics for it.
func (c *Client) Open(uri, text string) error {
	c.mu.Lock()
	if _, open := c.versions[uri]; open {
		c.mu.Unlock()
		return fmt.Errorf("opening %s: already open", uri)
	}
	c.versions[uri] = 1
	c.mu.Unlock()
	return c.notify("textDocument/didOpen", map[string]any{
		"textDocument": map[string]any{"uri": uri, "languageId": "yaml", "version": 1, "text": text},
	})
}

// Change replaces an open document's whole text (full sync, which is all
// yaml-language-server supports).
func (c *Client) Change(uri, text string) error {
	c.mu.Lock()
	v, open := c.versions[uri]
	if !open {
		c.mu.Unlock()
		return fmt.Errorf("changing %s: not open", uri)
	}
	v++
	c.versions[uri] = v
	c.mu.Unlock()
	return c.notify("textDocument/didChange", map[string]any{
		"textDocument":   map[string]any{"uri": uri, "version": v},
		"contentChanges": []any{map[string]any{"text": text}},
	})
}

// Completion asks for completions at a zero-based line and UTF-16
// character offset of an open document.
func (c *Client) Completion(ctx context.Context, uri string, line, char int) ([]Item, error) {
	raw, err := c.callRaw(ctx, "textDocument/completion", map[string]any{
		"textDocument": map[string]any{"uri": uri},
		"position":     Position{Line: line, Character: char},
		"context":      map[string]any{"triggerKind": 1}, // invoked, as by Ctrl+Space
	})
	if err != nil {
		return nil, fmt.Errorf("completion at %s:%d:%d: %w", uri, line+1, char+1, err)
	}
	items, err := decodeCompletion(raw)
	if err != nil {
		return nil, fmt.Errorf("completion at %s:%d:%d: %w", uri, line+1, char+1, err)
	}
	return items, nil
}

// Diagnostics waits until the server has published a set of diagnostics
// for uri that satisfies until, and returns it. until sees only sets the
// server actually published — never an empty "nothing yet" — so
// `func(d []Diagnostic) bool { return len(d) == 0 }` means "the server
// validated the document and found nothing". When ctx ends first, the error
// says what was last published.
func (c *Client) Diagnostics(ctx context.Context, uri string, until func([]Diagnostic) bool) ([]Diagnostic, error) {
	for {
		c.mu.Lock()
		d, published := c.diags[uri]
		changed := c.diagsChanged
		c.mu.Unlock()
		if published && until(d) {
			return d, nil
		}
		select {
		case <-changed:
		case <-c.readerDone:
			return d, fmt.Errorf("server exited while waiting for diagnostics of %s: %w", uri, c.readErr)
		case <-ctx.Done():
			if !published {
				return nil, fmt.Errorf("no diagnostics published for %s: %w", uri, ctx.Err())
			}
			return d, fmt.Errorf("diagnostics of %s never matched (last published: %v): %w", uri, d, ctx.Err())
		}
	}
}
