package runner_test

import (
	"bytes"
	"context"
	"encoding/base64"
	"io"
	"mime"
	"mime/multipart"
	"mime/quotedprintable"
	"net"
	"net/http"
	"net/http/httptest"
	"net/mail"
	"strings"
	"sync"
	"testing"

	"github.com/emersion/go-smtp"
	"github.com/twmb/franz-go/pkg/kfake"
	"github.com/twmb/franz-go/pkg/kgo"
)

// request is one request a fake service took.
type request struct {
	Method, Path, ContentType string
	Body                      []byte
}

// serviceFake is an httptest server for one service's API: it records each
// request and answers with answer (nil: 200 {}), enough for a sink that
// reads nothing back. The sinks' own tests check each request field by
// field; here what matters is that the finding arrived.
type serviceFake struct {
	*httptest.Server
	answer func(w http.ResponseWriter, r *http.Request, body []byte)
	mu     sync.Mutex
	reqs   []request
}

func newServiceFake(t *testing.T, answer func(w http.ResponseWriter, r *http.Request, body []byte)) *serviceFake {
	t.Helper()
	s := &serviceFake{answer: answer}
	s.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, err := io.ReadAll(r.Body)
		if err != nil {
			t.Errorf("%s %s: reading the body: %v", r.Method, r.URL.Path, err)
		}
		s.mu.Lock()
		s.reqs = append(s.reqs, request{Method: r.Method, Path: r.URL.Path, ContentType: r.Header.Get("Content-Type"), Body: body})
		s.mu.Unlock()
		r.Body = io.NopCloser(bytes.NewReader(body))
		if s.answer != nil {
			s.answer(w, r, body)
			return
		}
		w.Header().Set("Content-Type", "application/json")
		io.WriteString(w, `{}`)
	}))
	t.Cleanup(s.Close)
	return s
}

// requests returns a copy of what was received.
func (s *serviceFake) requests() []request {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]request(nil), s.reqs...)
}

// delivered is every body received, one after the other, and every file
// uploaded in a multipart body (name -> contents).
func (s *serviceFake) delivered(t *testing.T) (string, map[string]string) {
	var all strings.Builder
	files := map[string]string{}
	for _, r := range s.requests() {
		all.Write(r.Body)
		all.WriteByte('\n')
		mt, params, err := mime.ParseMediaType(r.ContentType)
		if err != nil || !strings.HasPrefix(mt, "multipart/") {
			continue
		}
		mr := multipart.NewReader(bytes.NewReader(r.Body), params["boundary"])
		for {
			p, err := mr.NextPart()
			if err != nil {
				break
			}
			if name := p.FileName(); name != "" {
				b, _ := io.ReadAll(p)
				files[name] = string(b)
			}
		}
	}
	return all.String(), files
}

// mattermostFake answers the calls mattermost_sink makes: the team and
// channel by name, file uploads and posts.
func mattermostFake(w http.ResponseWriter, r *http.Request, _ []byte) {
	w.Header().Set("Content-Type", "application/json")
	switch r.Method + " " + r.URL.Path {
	case "GET /api/v4/teams/name/ops":
		io.WriteString(w, `{"id":"team1","name":"ops"}`)
	case "GET /api/v4/teams/team1/channels/name/alerts":
		io.WriteString(w, `{"id":"chan1","name":"alerts"}`)
	case "POST /api/v4/files":
		w.WriteHeader(http.StatusCreated)
		io.WriteString(w, `{"file_infos":[{"id":"file1"}]}`)
	case "POST /api/v4/posts":
		w.WriteHeader(http.StatusCreated)
		io.WriteString(w, `{"id":"post1"}`)
	default:
		http.NotFound(w, r)
	}
}

// smtpFake is a real SMTP server (go-smtp) on loopback, without TLS or
// authentication (mail_sink's tls: none), keeping each mail's data.
type smtpFake struct {
	addr  string
	mu    sync.Mutex
	mails [][]byte
}

func newSMTPFake(t *testing.T) *smtpFake {
	t.Helper()
	f := &smtpFake{}
	srv := smtp.NewServer(smtpBackend{f})
	srv.Domain = "127.0.0.1"
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	f.addr = ln.Addr().String()
	go srv.Serve(ln)
	t.Cleanup(func() { srv.Close() })
	return f
}

func (f *smtpFake) received() [][]byte {
	f.mu.Lock()
	defer f.mu.Unlock()
	return append([][]byte(nil), f.mails...)
}

type smtpBackend struct{ f *smtpFake }

func (b smtpBackend) NewSession(*smtp.Conn) (smtp.Session, error) { return smtpSession{b.f}, nil }

type smtpSession struct{ f *smtpFake }

func (smtpSession) Mail(string, *smtp.MailOptions) error { return nil }
func (smtpSession) Rcpt(string, *smtp.RcptOptions) error { return nil }
func (smtpSession) Reset()                               {}
func (smtpSession) Logout() error                        { return nil }
func (s smtpSession) Data(r io.Reader) error {
	b, err := io.ReadAll(r)
	if err != nil {
		return err
	}
	s.f.mu.Lock()
	s.f.mails = append(s.f.mails, b)
	s.f.mu.Unlock()
	return nil
}

// readMail decodes a mail as a reader's client shows it: the subject, the
// text of every text part, and every attachment (name -> contents).
func readMail(t *testing.T, data []byte) (subject, text string, files map[string]string) {
	t.Helper()
	m, err := mail.ReadMessage(bytes.NewReader(data))
	if err != nil {
		t.Fatalf("reading the mail: %v\n%s", err, data)
	}
	subject, _ = new(mime.WordDecoder).DecodeHeader(m.Header.Get("Subject"))
	files = map[string]string{}
	var texts strings.Builder
	var walk func(ctype, encoding, disposition string, body io.Reader)
	walk = func(ctype, encoding, disposition string, body io.Reader) {
		mt, params, _ := mime.ParseMediaType(ctype)
		if strings.HasPrefix(mt, "multipart/") {
			mr := multipart.NewReader(body, params["boundary"])
			for {
				p, err := mr.NextRawPart() // raw: the encoding is decoded below, as for the top level
				if err != nil {
					return
				}
				walk(p.Header.Get("Content-Type"), p.Header.Get("Content-Transfer-Encoding"), p.Header.Get("Content-Disposition"), p)
			}
		}
		switch strings.ToLower(encoding) {
		case "base64":
			body = base64.NewDecoder(base64.StdEncoding, &lineJoiner{r: body})
		case "quoted-printable":
			body = quotedprintable.NewReader(body)
		}
		b, _ := io.ReadAll(body)
		if _, dp, err := mime.ParseMediaType(disposition); err == nil && dp["filename"] != "" {
			files[dp["filename"]] = string(b)
			return
		}
		if strings.HasPrefix(mt, "text/") {
			texts.Write(b)
		}
	}
	walk(m.Header.Get("Content-Type"), m.Header.Get("Content-Transfer-Encoding"), m.Header.Get("Content-Disposition"), m.Body)
	return subject, texts.String(), files
}

// lineJoiner drops the line breaks of a base64 body.
type lineJoiner struct{ r io.Reader }

func (j *lineJoiner) Read(p []byte) (int, error) {
	n, err := j.r.Read(p)
	k := 0
	for _, c := range p[:n] {
		if c != '\r' && c != '\n' {
			p[k] = c
			k++
		}
	}
	return k, err
}

// kafkaFake is kfake, franz-go's in-process Kafka, with a findings topic.
func kafkaFake(t *testing.T) string {
	t.Helper()
	c, err := kfake.NewCluster(kfake.NumBrokers(1), kfake.SeedTopics(1, "findings"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(c.Close)
	return strings.Join(c.ListenAddrs(), ",")
}

// consumeOne reads the first record of the findings topic.
func consumeOne(t *testing.T, addrs string) *kgo.Record {
	t.Helper()
	cl, err := kgo.NewClient(kgo.SeedBrokers(strings.Split(addrs, ",")...), kgo.ConsumeTopics("findings"),
		kgo.ConsumeResetOffset(kgo.NewOffset().AtStart()))
	if err != nil {
		t.Fatal(err)
	}
	defer cl.Close()
	ctx, cancel := context.WithTimeout(context.Background(), wait)
	defer cancel()
	for {
		fs := cl.PollFetches(ctx)
		if err := ctx.Err(); err != nil {
			t.Fatalf("no Kafka record within %s", wait)
		}
		if recs := fs.Records(); len(recs) > 0 {
			return recs[0]
		}
	}
}

// jiraFake answers the calls jira_sink makes for a new finding (its
// project and issue type given as ids): no issue has its labels yet, the
// issue is created as 10001 (OPS-1), and its files are attached to it.
func jiraFake(w http.ResponseWriter, r *http.Request, _ []byte) {
	w.Header().Set("Content-Type", "application/json")
	switch r.Method + " " + r.URL.Path {
	case "POST /rest/api/3/search/jql":
		io.WriteString(w, `{"issues":[]}`)
	case "POST /rest/api/3/issue":
		w.WriteHeader(http.StatusCreated)
		io.WriteString(w, `{"id":"10001","key":"OPS-1"}`)
	case "POST /rest/api/3/issue/10001/attachments", "POST /rest/api/3/issue/OPS-1/attachments":
		io.WriteString(w, `[{"id":"1"}]`)
	default:
		http.NotFound(w, r)
	}
}
