package mail

import (
	"bytes"
	"context"
	"crypto/tls"
	"encoding/base64"
	"io"
	"mime"
	"mime/multipart"
	"mime/quotedprintable"
	"net"
	"net/mail"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/emersion/go-smtp"
	"github.com/google/go-cmp/cmp"

	"github.com/robusta-go/robusta/runtime/api"
	"github.com/robusta-go/robusta/runtime/sink"
	"github.com/robusta-go/robusta/runtime/sink/retry"
	"github.com/robusta-go/robusta/runtime/sink/retry/retrytest"
	"github.com/robusta-go/robusta/runtime/sink/sinktest"
)

// parsed is a mail as a client reads it.
type parsed struct {
	Header      map[string]string
	Text, HTML  string
	Attachments map[string]string // filename -> contents
}

func parse(t *testing.T, data []byte) parsed {
	t.Helper()
	m, err := mail.ReadMessage(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	p := parsed{Header: map[string]string{}, Attachments: map[string]string{}}
	dec := new(mime.WordDecoder)
	for _, k := range []string{"From", "To", "Subject", "References", "In-Reply-To", "Mime-Version"} {
		v, err := dec.DecodeHeader(m.Header.Get(k))
		if err != nil {
			t.Fatal(err)
		}
		p.Header[k] = v
	}
	var walk func(ctype string, body io.Reader, h map[string][]string)
	walk = func(ctype string, body io.Reader, h map[string][]string) {
		mt, params, err := mime.ParseMediaType(ctype)
		if err != nil {
			t.Fatalf("content type %q: %v", ctype, err)
		}
		if strings.HasPrefix(mt, "multipart/") {
			mr := multipart.NewReader(body, params["boundary"])
			for {
				part, err := mr.NextRawPart()
				if err != nil {
					break
				}
				walk(part.Header.Get("Content-Type"), part, part.Header)
			}
			return
		}
		var r io.Reader = body
		switch get(h, "Content-Transfer-Encoding") {
		case "quoted-printable":
			r = quotedprintable.NewReader(body)
		case "base64":
			r = base64.NewDecoder(base64.StdEncoding, body)
		}
		b, err := io.ReadAll(r)
		if err != nil {
			t.Fatal(err)
		}
		if _, dp, err := mime.ParseMediaType(get(h, "Content-Disposition")); err == nil && dp["filename"] != "" {
			p.Attachments[dp["filename"]] = string(b)
			return
		}
		switch mt {
		case "text/plain":
			p.Text = strings.ReplaceAll(string(b), "\r\n", "\n") // lines travel as CRLF
		case "text/html":
			p.HTML = strings.ReplaceAll(string(b), "\r\n", "\n")
		}
	}
	walk(m.Header.Get("Content-Type"), m.Body, m.Header)
	return p
}

func get(h map[string][]string, k string) string {
	if v := h[k]; len(v) > 0 {
		return v[0]
	}
	return ""
}

func newSink(t *testing.T, fs *fakeSMTP, p Params) (*Sink, *retrytest.Clock) {
	t.Helper()
	host, port, _ := net.SplitHostPort(fs.addr)
	p.Common = sink.Common{Name: "mail"}
	p.Host = host
	p.Port, _ = strconv.Atoi(port)
	clock := retrytest.NewClock(time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC))
	s, err := New(p, sink.Global{ClusterName: "prod-eu"}, WithTLSConfig(&tls.Config{RootCAs: fs.roots}),
		WithPolicy(retry.Policy{Initial: time.Second, Clock: clock, NoJitter: true}))
	if err != nil {
		t.Fatal(err)
	}
	return s, clock
}

// TestSendOverSTARTTLS: the every-block finding reaches a real SMTP server
// over STARTTLS with AUTH PLAIN: envelope, headers, both parts and the log
// attached.
func TestSendOverSTARTTLS(t *testing.T) {
	fs := newFakeSMTP(t, false)
	s, _ := newSink(t, fs, Params{Username: "user", Password: "secret", From: "Robusta <robusta@example.com>", To: []string{"oncall@example.com", "b@example.com"}})
	f := sinktest.EveryBlock()
	f.Fingerprint = "abc123"
	f.Title = "Crash loop in web — ünïcode"
	if err := s.Write(context.Background(), f); err != nil {
		t.Fatal(err)
	}
	got := fs.received()
	if len(got) != 1 {
		t.Fatalf("%d mails, want 1", len(got))
	}
	m := got[0]
	if m.User != "user" || !m.TLS || m.From != "robusta@example.com" || !cmp.Equal(m.To, []string{"oncall@example.com", "b@example.com"}) {
		t.Errorf("envelope: user %q tls %v from %q to %q", m.User, m.TLS, m.From, m.To)
	}
	p := parse(t, m.Data)
	if diff := cmp.Diff(map[string]string{
		"From": `"Robusta" <robusta@example.com>`, "To": "<oncall@example.com>, <b@example.com>",
		"Subject": "Crash loop in web — ünïcode", "References": "<abc123.finding@robusta-go>",
		"In-Reply-To": "<abc123.finding@robusta-go>", "Mime-Version": "1.0",
	}, p.Header); diff != "" {
		t.Errorf("headers (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff(map[string]string{"web-1.log": "line 1\nline 2\n"}, p.Attachments); diff != "" {
		t.Errorf("attachments (-want +got):\n%s", diff)
	}
	for _, want := range []string{
		"🔥 Firing 🔴 high · Crash loop in web — ünïcode\nGrafana (https://grafana.example/d/1)\nSource: prod-eu\nSubject: Pod prod/web-1\n",
		"👀 Notification: web-1 restarted 5 times",
		"Pod details\n===========\nSTATUS\n\nrestarts: 5\n",
		"- OOMKilled\n- exit code 137\n",
		"field  value\nimage  web:1.2\nlimit  <512Mi>",
		"Runbook (https://runbooks.example/oom)",
		"- spec.replicas: 2\n+ spec.replicas: 3\n",
		"[attached: web-1.log]",
	} {
		if !strings.Contains(p.Text, want) {
			t.Errorf("text part lacks %q:\n%s", want, p.Text)
		}
	}
	for _, want := range []string{
		`<a href="https://grafana.example/d/1">Grafana</a>`,
		"<h3>Pod details</h3>", "<b>restarts:</b> 5", "<li>OOMKilled</li>",
		`<td ` + styleCell + `>&lt;512Mi&gt;</td>`,
		`<span ` + styleAdd + `>+ spec.replicas: 3</span>`,
		"<p><b>Events</b></p>",
	} {
		if !strings.Contains(p.HTML, want) {
			t.Errorf("HTML part lacks %q", want)
		}
	}
}

// TestImplicitTLSAndMailto: Robusta's mailtos:// URL with mode=ssl reaches
// an SMTPS server; recipients and sender come from the URL.
func TestImplicitTLSAndMailto(t *testing.T) {
	fs := newFakeSMTP(t, true)
	host, port, _ := net.SplitHostPort(fs.addr)
	s, err := New(Params{Common: sink.Common{Name: "m"}, Mailto: "mailtos://user:secret@example.com?smtp=" + host + "&port=" + port + "&mode=ssl&to=a@example.com,b@example.com"},
		sink.Global{}, WithTLSConfig(&tls.Config{RootCAs: fs.roots}))
	if err != nil {
		t.Fatal(err)
	}
	if err := s.Write(context.Background(), &api.Finding{Title: "t"}); err != nil {
		t.Fatal(err)
	}
	got := fs.received()
	if len(got) != 1 || got[0].From != "user@example.com" || !cmp.Equal(got[0].To, []string{"a@example.com", "b@example.com"}) || !got[0].TLS {
		t.Errorf("mails %+v", got)
	}
}

// TestRetriesTransientReplies: a 451 is retried after a backoff, a 554
// fails at once; neither error shows the password.
func TestRetriesTransientReplies(t *testing.T) {
	fs := newFakeSMTP(t, false, &smtp.SMTPError{Code: 451, Message: "try later"})
	s, clock := newSink(t, fs, Params{Username: "user", Password: "secret", From: "r@example.com"})
	if err := s.Write(context.Background(), &api.Finding{Title: "t"}); err != nil {
		t.Fatal(err)
	}
	if len(fs.received()) != 1 || !cmp.Equal(clock.Sleeps(), []time.Duration{time.Second}) {
		t.Errorf("%d mails, waits %v; want 1 after one 1s wait", len(fs.received()), clock.Sleeps())
	}
	fs = newFakeSMTP(t, false, &smtp.SMTPError{Code: 554, Message: "rejected"})
	s, clock = newSink(t, fs, Params{Username: "user", Password: "secret", From: "r@example.com"})
	err := s.Write(context.Background(), &api.Finding{Title: "t"})
	if err == nil || !strings.Contains(err.Error(), "rejected") || strings.Contains(err.Error(), "secret") || len(clock.Sleeps()) != 0 {
		t.Errorf("error %v, waits %v; want the 554 at once", err, clock.Sleeps())
	}
}

// TestResolve: apprise's mailto forms, and what is refused.
func TestResolve(t *testing.T) {
	s, err := resolve(Params{Mailto: "mailto://me:pw@gmail.com"})
	if err != nil || s.host != "smtp.gmail.com" || s.port != 587 || s.mode != ModeSTARTTLS || s.from.Address != "me@gmail.com" || s.to[0].Address != "me@gmail.com" {
		t.Errorf("gmail: %+v %v", s, err)
	}
	for _, bad := range []Params{
		{Mailto: "https://x"},
		{Host: "relay", From: "a@b.c", Username: "u", TLS: ModeNone},
		{Host: "relay"},
		{Host: "relay", From: "not an address"},
	} {
		if _, err := resolve(bad); err == nil {
			t.Errorf("%+v: no error", bad)
		} else if strings.Contains(err.Error(), "pw") {
			t.Errorf("error shows the password: %v", err)
		}
	}
	if _, err := New(Params{UseSES: true, FromEmail: "a@b.c"}, sink.Global{}); err == nil {
		t.Error("use_ses: no error")
	}
}

func BenchmarkRender(b *testing.B) {
	f := sinktest.EveryBlock()
	env := envelope{from: &mail.Address{Address: "a@example.com"}, to: []*mail.Address{{Address: "b@example.com"}}}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := compose(env, render(f, "prod-eu", true)); err != nil {
			b.Fatal(err)
		}
	}
}
