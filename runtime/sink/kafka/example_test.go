package kafka

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/robusta-go/robusta/runtime/sink/sinktest"
)

// TestExamplePayload keeps docs/sink-examples/kafka.json the record value
// of the every-block finding. ROBUSTA_UPDATE_EXAMPLES=1 rewrites it.
func TestExamplePayload(t *testing.T) {
	f := sinktest.EveryBlock()
	f.Fingerprint = "3f9a1c0e5b7d2468"
	compact, err := json.Marshal(record{Cluster: "prod-eu", Finding: f})
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	json.Indent(&buf, compact, "", "  ")
	got := buf.String()
	path := filepath.Join("..", "..", "..", "docs", "sink-examples", "kafka.json")
	if os.Getenv("ROBUSTA_UPDATE_EXAMPLES") != "" {
		if err := os.WriteFile(path, []byte(got+"\n"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (ROBUSTA_UPDATE_EXAMPLES=1 writes it)", err)
	}
	if diff := cmp.Diff(strings.TrimSpace(string(want)), got); diff != "" {
		t.Errorf("%s is stale (-file +rendered):\n%s", path, diff)
	}
}
