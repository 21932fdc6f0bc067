package lsptest

import (
	"context"
	"fmt"
)

// Settings are the yaml-language-server settings the client reports, both
// in workspace/didChangeConfiguration and in answers to
// workspace/configuration. schemas is empty on purpose: each test file
// names its schema with a modeline, so nothing but that file is in play.
func Settings() map[string]any {
	return map[string]any{
		"yaml": map[string]any{
			"validate":    true,
			"completion":  true,
			"hover":       true,
			"schemas":     map[string]any{},
			"schemaStore": map[string]any{"enable": false},
		},
	}
}

// initialize runs the LSP handshake as an editor does: initialize with the
// workspace and capabilities, initialized, then the settings. The client
// claims workspace/configuration support, so yaml-language-server pulls its
// settings instead of reading them from the notification; initialize waits
// for that pull, so no document is opened while the server still runs on
// defaults.
func (c *Client) initialize(ctx context.Context, rootURI string) error {
	params := map[string]any{
		"processId":        nil,
		"rootUri":          rootURI,
		"workspaceFolders": []any{map[string]any{"uri": rootURI, "name": "root"}},
		"capabilities": map[string]any{
			"workspace": map[string]any{
				"configuration":          true,
				"workspaceFolders":       true,
				"didChangeConfiguration": map[string]any{"dynamicRegistration": true},
			},
			"textDocument": map[string]any{
				"synchronization": map[string]any{"dynamicRegistration": false},
				// As VS Code does; it makes yaml-language-server register
				// capabilities with client/registerCapability, so that
				// server→client path is exercised too.
				"formatting": map[string]any{"dynamicRegistration": true},
				"completion": map[string]any{
					"completionItem": map[string]any{
						"snippetSupport":      false,
						"documentationFormat": []string{"plaintext"},
					},
				},
				"publishDiagnostics": map[string]any{},
			},
			"window": map[string]any{"workDoneProgress": true},
		},
	}
	if err := c.call(ctx, "initialize", params, nil); err != nil {
		return fmt.Errorf("initializing: %w", err)
	}
	if err := c.notify("initialized", map[string]any{}); err != nil {
		return err
	}
	if err := c.notify("workspace/didChangeConfiguration", map[string]any{"settings": c.settings}); err != nil {
		return err
	}
	select {
	case <-c.configPulled:
		return nil
	case <-c.readerDone:
		return fmt.Errorf("server exited before pulling its settings: %w", c.readErr)
	case <-ctx.Done():
		return fmt.Errorf("waiting for the server to pull its settings: %w", ctx.Err())
	}
}
