package file

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"sync"
	"testing"

	"github.com/robusta-go/robusta/runtime/api"
	"github.com/robusta-go/robusta/runtime/sink"
)

func TestConcurrentWritesKeepWholeLines(t *testing.T) {
	path := filepath.Join(t.TempDir(), "findings.jsonl")
	s, err := Type.New([]byte(fmt.Sprintf(`{"name":"main","file_name":%q}`, path)), sink.Global{})
	if err != nil {
		t.Fatal(err)
	}
	// Big findings make a torn write likely if lines were not atomic.
	big := make([]byte, 16<<10)
	for i := range big {
		big[i] = byte('a' + i%26)
	}
	const writers, each = 8, 10
	var wg sync.WaitGroup
	for w := range writers {
		wg.Go(func() {
			for i := range each {
				f := &api.Finding{Title: fmt.Sprintf("w%d-%d", w, i)}
				f.AddEnrichment(api.FileBlock("big.log", big))
				if err := s.Write(context.Background(), f); err != nil {
					t.Error(err)
				}
			}
		})
	}
	wg.Wait()
	if err := s.Close(context.Background()); err != nil {
		t.Fatal(err)
	}
	fh, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer fh.Close()
	sc := bufio.NewScanner(fh)
	sc.Buffer(nil, 1<<20)
	titles := map[string]bool{}
	for sc.Scan() {
		var line struct {
			Title       string `json:"title"`
			Enrichments []struct {
				Blocks []struct {
					Type     string `json:"type"`
					Contents []byte `json:"contents"`
				} `json:"blocks"`
			} `json:"enrichments"`
		}
		if err := json.Unmarshal(sc.Bytes(), &line); err != nil {
			t.Fatalf("line %d is not a whole JSON object: %v", len(titles)+1, err)
		}
		if got := line.Enrichments[0].Blocks[0]; got.Type != "file" || string(got.Contents) != string(big) {
			t.Fatalf("%s: file block did not round-trip through base64", line.Title)
		}
		titles[line.Title] = true
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	if len(titles) != writers*each {
		t.Errorf("%d distinct findings, want %d", len(titles), writers*each)
	}
}

func TestOpenFailsClearly(t *testing.T) {
	_, err := Type.New([]byte(`{"name":"x","file_name":"/nonexistent-dir/f.jsonl"}`), sink.Global{})
	if err == nil {
		t.Fatal("opening a file in a missing directory succeeded")
	}
}
