package discord

import (
	"context"
	"errors"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/robusta-go/robusta/runtime/api"
	"github.com/robusta-go/robusta/runtime/schema"
	"github.com/robusta-go/robusta/runtime/sink"
	"github.com/robusta-go/robusta/runtime/sink/retry"
	"github.com/robusta-go/robusta/runtime/sink/sinktest"
)

// TestWritePostsMessagesThenFiles: the every-block finding is one JSON
// message and one multipart message carrying the log, both to the
// webhook's path.
func TestWritePostsMessagesThenFiles(t *testing.T) {
	fd := newFake(t)
	s, clock := newSink(t, fd)
	if err := s.Write(context.Background(), sinktest.EveryBlock()); err != nil {
		t.Fatal(err)
	}
	reqs := fd.requests()
	if len(reqs) != 2 {
		t.Fatalf("%d requests, want 2", len(reqs))
	}
	want, _ := render(sinktest.EveryBlock(), "prod-eu")
	if reqs[0].Path != hookPath || reqs[0].ContentType != "application/json" {
		t.Errorf("first request %s %s", reqs[0].Path, reqs[0].ContentType)
	}
	if diff := cmp.Diff(want[0], reqs[0].Message, cmp.AllowUnexported(message{}, file{}), cmpIgnoreFiles); diff != "" {
		t.Errorf("first message (-want +got):\n%s", diff)
	}
	second := reqs[1]
	if !strings.HasPrefix(second.ContentType, "multipart/form-data; boundary=") {
		t.Errorf("second request's content type %q", second.ContentType)
	}
	if diff := cmp.Diff([]attachment{{ID: 0, Filename: "web-1.log"}}, second.Message.Attachments); diff != "" {
		t.Errorf("attachments (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff(map[string]string{"web-1.log": "line 1\nline 2\n"}, second.Files); diff != "" {
		t.Errorf("files (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([]string{"files[0]"}, second.FileFields); diff != "" {
		t.Errorf("file fields (-want +got):\n%s", diff)
	}
	if second.Message.Content != "" || second.Message.Username != "Robusta" || second.Message.AllowedMentions.Parse == nil {
		t.Errorf("file message %+v", second.Message)
	}
	if len(clock.Sleeps()) != 0 {
		t.Errorf("waits %v, want none", clock.Sleeps())
	}
}

var cmpIgnoreFiles = cmp.FilterPath(func(p cmp.Path) bool { return p.Last().String() == ".files" }, cmp.Ignore())

func TestRateLimitWaitsForRetryAfter(t *testing.T) {
	for name, tc := range map[string]struct {
		body   string
		header []string
		want   time.Duration
	}{
		// The body's fraction is more exact than the header's whole seconds.
		"json body":               {`{"message": "You are being rate limited.", "retry_after": 1.5, "global": false}`, []string{"Retry-After", "2"}, 1500 * time.Millisecond},
		"Retry-After":             {`not json`, []string{"Retry-After", "3"}, 3 * time.Second},
		"X-RateLimit-Reset-After": {``, []string{"X-RateLimit-Reset-After", "0.25"}, 250 * time.Millisecond},
		"capped":                  {`{"retry_after": 86000}`, nil, time.Minute},
	} {
		t.Run(name, func(t *testing.T) {
			fd := newFake(t, answer(429, tc.body, tc.header...))
			s, clock := newSink(t, fd)
			if err := s.Write(context.Background(), &api.Finding{Title: "x"}); err != nil {
				t.Fatal(err)
			}
			if n := len(fd.requests()); n != 2 {
				t.Errorf("%d requests, want 2", n)
			}
			if diff := cmp.Diff([]time.Duration{tc.want}, clock.Sleeps()); diff != "" {
				t.Errorf("waits (-want +got):\n%s", diff)
			}
		})
	}
}

func TestServerErrorsBackOff(t *testing.T) {
	fd := newFake(t, answer(502, "bad gateway"), answer(500, ""))
	s, clock := newSink(t, fd)
	if err := s.Write(context.Background(), &api.Finding{Title: "x"}); err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff([]time.Duration{time.Second, 2 * time.Second}, clock.Sleeps()); diff != "" {
		t.Errorf("waits (-want +got):\n%s", diff)
	}
}

// TestEmptyBucketPaces: an answer saying the bucket is empty makes the
// next message wait for its reset instead of earning a 429.
func TestEmptyBucketPaces(t *testing.T) {
	fd := newFake(t, answer(204, "", "X-RateLimit-Remaining", "0", "X-RateLimit-Reset-After", "0.75"))
	s, clock := newSink(t, fd)
	f := &api.Finding{Title: "x"}
	f.AddEnrichment(api.FileBlock("a.log", []byte("a")))
	if err := s.Write(context.Background(), f); err != nil {
		t.Fatal(err)
	}
	if n := len(fd.requests()); n != 2 {
		t.Errorf("%d requests, want 2", n)
	}
	if diff := cmp.Diff([]time.Duration{750 * time.Millisecond}, clock.Sleeps()); diff != "" {
		t.Errorf("waits (-want +got):\n%s", diff)
	}
}

// TestClientErrorStops: a 400 is not retried, the files after it are not
// sent, and the error shows Discord's answer but not the token.
func TestClientErrorStops(t *testing.T) {
	fd := newFake(t, answer(400, `{"code": 50035, "message": "Invalid Form Body"}`))
	s, clock := newSink(t, fd)
	err := s.Write(context.Background(), sinktest.EveryBlock())
	var se *retry.StatusError
	if !errors.As(err, &se) || se.Code != 400 || !strings.Contains(err.Error(), "Invalid Form Body") || !strings.Contains(err.Error(), "message 1 of 2") {
		t.Fatalf("error %v, want HTTP 400 with Discord's message on message 1 of 2", err)
	}
	noSecret(t, err)
	if n := len(fd.requests()); n != 1 || len(clock.Sleeps()) != 0 {
		t.Errorf("%d requests and %d waits, want 1 and 0", n, len(clock.Sleeps()))
	}
}

func TestUnreachableHidesToken(t *testing.T) {
	fd := newFake(t)
	s, _ := newSink(t, fd)
	fd.Close()
	err := s.Write(context.Background(), &api.Finding{Title: "x"})
	if err == nil {
		t.Fatal("no error from a closed server")
	}
	noSecret(t, err)
}

func TestParams(t *testing.T) {
	doc, err := schema.Marshal(schema.Reflect(reflect.TypeFor[Params]()))
	if err != nil {
		t.Fatal(err)
	}
	sch, err := schema.Compile("mem://discord_sink", doc)
	if err != nil {
		t.Fatal(err)
	}
	for params, ok := range map[string]bool{
		`{"name":"d","url":"https://discord.com/api/webhooks/1/t"}`: true,
		// Robusta's keys every sink takes.
		`{"name":"d","url":"https://discord.com/api/webhooks/1/t","send_svg":true,"default":false,"stop":true,"scope":{"include":[{"namespace":"prod"}]},"prefer_redirect_to_platform":false}`: true,
		`{"name":"d"}`:                       false,
		`{"name":"d","url":"discord.com/x"}`: false,
		`{"name":"d","url":"https://discord.com/api/webhooks/1/t","urls":"x"}`: false,
	} {
		v := map[string]any{}
		if err := jsonUnmarshal(params, &v); err != nil {
			t.Fatal(err)
		}
		if err := sch.Validate(v); (err == nil) != ok {
			t.Errorf("%s: valid = %v, want %v (%v)", params, err == nil, ok, err)
		}
	}
	if _, err := Type.New([]byte(`{"name":"d","url":"https://discord.com/api/webhooks/1/t"}`), sink.Global{}); err != nil {
		t.Error(err)
	}
	_, err = Type.New([]byte(`{"name":"d","url":"ftp://discord.com/SECRET"}`), sink.Global{})
	if err == nil {
		t.Error("an ftp URL was accepted")
	}
	noSecret(t, err)
}
