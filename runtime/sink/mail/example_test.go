package mail

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/robusta-go/robusta/runtime/sink/sinktest"
)

// TestExamplePayload keeps docs/sink-examples/mail.html the HTML part of
// the every-block finding's mail, to open in a browser or paste into a
// mail client's HTML preview. ROBUSTA_UPDATE_EXAMPLES=1 rewrites it.
func TestExamplePayload(t *testing.T) {
	got := render(sinktest.EveryBlock(), "prod-eu", true).html
	path := filepath.Join("..", "..", "..", "docs", "sink-examples", "mail.html")
	if os.Getenv("ROBUSTA_UPDATE_EXAMPLES") != "" {
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (ROBUSTA_UPDATE_EXAMPLES=1 writes it)", err)
	}
	if diff := cmp.Diff(strings.TrimSpace(string(want)), strings.TrimSpace(got)); diff != "" {
		t.Errorf("%s is stale (-file +rendered):\n%s", path, diff)
	}
}
