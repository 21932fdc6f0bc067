package slack

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/slack-go/slack"

	"github.com/robusta-go/robusta/runtime/api"
)

// logOf is n numbered lines of 30 bytes.
func logOf(n int) []byte {
	var b bytes.Buffer
	for i := range n {
		fmt.Fprintf(&b, "line %04d: something happened\n", i)
	}
	return b.Bytes()
}

func TestUploadedFileIsTruncated(t *testing.T) {
	fs := newFakeSlack(t)
	s := testSink(t, fs, newFakeClock(), Params{MaxLogFileLimitKB: 1}, nil)
	full := logOf(200) // 6,000 bytes against a 1,000-byte limit
	f := finding()
	f.AddEnrichment(api.FileBlock("web.log", full))
	if err := s.Write(context.Background(), f); err != nil {
		t.Fatal(err)
	}
	got := fs.uploads["F001"]
	if len(got) > 1000 {
		t.Errorf("uploaded %d bytes, limit 1000", len(got))
	}
	note, tail, _ := bytes.Cut(got, []byte("\n"))
	if !bytes.HasSuffix(full, tail) || !bytes.HasPrefix(tail, []byte("line ")) {
		t.Errorf("the upload is not whole lines from the end of the log:\n%s", got)
	}
	wantNote := fmt.Sprintf("[truncated by robusta-go: the first %d of 6000 bytes were cut; the last %d follow]", 6000-len(tail), len(tail))
	if string(note) != wantNote {
		t.Errorf("note %q, want %q", note, wantNote)
	}
	if len(tail) < 1000-len(note)-1-30 {
		t.Errorf("kept only %d bytes of the log", len(tail))
	}
	if g := fs.getURLs[0]; g.Get("filename") != "web.log" || g.Get("length") != strconv.Itoa(len(got)) {
		t.Errorf("getUploadURLExternal filename %q length %q, want web.log %d", g.Get("filename"), g.Get("length"), len(got))
	}
	c := fs.completes[0]
	if c.Get("channel_id") != "C-alerts" || c.Get("thread_ts") != "1700000000.000001" || c.Get("files") != `[{"id":"F001","title":"web.log"}]` {
		t.Errorf("completeUploadExternal %v", c)
	}
}

func TestTruncateLog(t *testing.T) {
	small := []byte("a\nb\n")
	if got := truncateLog(small, 1000); !bytes.Equal(got, small) {
		t.Errorf("a small file changed: %q", got)
	}
	binary := append([]byte{0xff, 0xfe}, bytes.Repeat([]byte{0}, 5000)...)
	if got := truncateLog(binary, 1000); len(got) != len(binary) {
		t.Errorf("a binary file was cut to %d bytes", len(got))
	}
	// One long line: cut on a rune boundary.
	long := []byte(strings.Repeat("é", 3000))
	got := truncateLog(long, 1000)
	_, tail, _ := bytes.Cut(got, []byte("\n"))
	if len(got) > 1000 || !bytes.HasSuffix(long, tail) || !utf8.Valid(tail) {
		t.Errorf("long line cut to %d bytes, valid %v", len(got), utf8.Valid(tail))
	}
}

func TestUploadStepsRetryAlone(t *testing.T) {
	fs := newFakeSlack(t)
	fs.fail("upload", failure{status: http.StatusBadGateway})
	s := testSink(t, fs, newFakeClock(), Params{}, nil)
	f := finding()
	f.AddEnrichment(api.FileBlock("out.txt", []byte("hello\n")))
	if err := s.Write(context.Background(), f); err != nil {
		t.Fatal(err)
	}
	if n := fs.callCount("files.getUploadURLExternal"); n != 1 {
		t.Errorf("%d upload URLs asked for, want 1", n)
	}
	if got := string(fs.uploads["F001"]); got != "hello\n" || len(fs.completes) != 1 {
		t.Errorf("uploaded %q, %d completions", got, len(fs.completes))
	}
}

func TestFailedShareIsReturnedAfterTheMessage(t *testing.T) {
	fs := newFakeSlack(t)
	fs.fail("files.completeUploadExternal", failure{status: http.StatusOK, body: `{"ok":false,"error":"restricted_action"}`})
	var logs bytes.Buffer
	s := testSink(t, fs, newFakeClock(), Params{}, &logs)
	f := finding()
	f.AddEnrichment(api.FileBlock("a.txt", []byte("a\n")), api.FileBlock("b.txt", []byte("b\n")))
	err := s.Write(context.Background(), f)
	var se slack.SlackErrorResponse
	if !errors.As(err, &se) || se.Err != "restricted_action" {
		t.Fatalf("err = %v, want restricted_action", err)
	}
	// The message went out, and the second file still did.
	if len(fs.posts) != 1 || len(fs.completes) != 1 || fs.completes[0].Get("files") != `[{"id":"F002","title":"b.txt"}]` {
		t.Errorf("%d posts, completions %v", len(fs.posts), fs.completes)
	}
	lines := logLines(t, &logs)
	if len(lines) != 1 || lines[0]["code"] != "restricted_action" || lines[0]["method"] != "files.completeUploadExternal" || lines[0]["channel"] != "alerts" || lines[0]["sink"] != "team" {
		t.Errorf("logs %v", lines)
	}
}
