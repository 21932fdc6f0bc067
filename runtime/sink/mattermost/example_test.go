package mattermost

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/robusta-go/robusta/runtime/sink/sinktest"
)

// TestExamplePayload keeps docs/sink-examples/mattermost.json the POST
// /api/v4/posts body of the every-block finding (its message can be pasted
// into any Mattermost channel's box to preview). ROBUSTA_UPDATE_EXAMPLES=1
// rewrites it.
func TestExamplePayload(t *testing.T) {
	parts, _ := render(sinktest.EveryBlock(), "prod-eu")
	got, err := json.MarshalIndent(post{ChannelID: "CHANNEL_ID", Message: parts[0], FileIDs: []string{"FILE_ID_OF_web-1.log"}}, "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join("..", "..", "..", "docs", "sink-examples", "mattermost.json")
	if os.Getenv("ROBUSTA_UPDATE_EXAMPLES") != "" {
		if err := os.WriteFile(path, append(got, '\n'), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (ROBUSTA_UPDATE_EXAMPLES=1 writes it)", err)
	}
	if diff := cmp.Diff(strings.TrimSpace(string(want)), string(got)); diff != "" {
		t.Errorf("%s is stale (-file +rendered):\n%s", path, diff)
	}
}
