package lsptest

import (
	"testing"

	"github.com/robusta-go/robusta/gen/internal/tooltest"
)

// TestStartAnswersTheServer checks the editor's half of the handshake:
// yaml-language-server pulls its settings and registers capabilities with
// requests of its own, and Start returns only once those were answered.
func TestStartAnswersTheServer(t *testing.T) {
	c := Start(t, tooltest.Path(t, "yaml-language-server"), t.TempDir())
	got := c.ServerRequests()
	for _, method := range []string{"workspace/configuration", "client/registerCapability"} {
		if got[method] == 0 {
			t.Errorf("the server sent no %s request (requests seen: %v)", method, got)
		}
	}
}
