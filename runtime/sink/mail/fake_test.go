package mail

import (
	"bytes"
	"crypto/tls"
	"crypto/x509"
	"errors"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"sync"
	"testing"

	"github.com/emersion/go-sasl"
	"github.com/emersion/go-smtp"
)

// received is one mail as the SMTP server took it.
type received struct {
	User string // the AUTH PLAIN login
	TLS  bool   // the session was over TLS when DATA came
	From string
	To   []string
	Data []byte
}

// fakeSMTP is a real SMTP server (go-smtp) on loopback, offering STARTTLS
// with a test certificate and AUTH PLAIN for user/secret. fail holds
// replies to give to the first DATA commands.
type fakeSMTP struct {
	addr  string
	roots *x509.CertPool
	mu    sync.Mutex
	mails []received
	fail  []*smtp.SMTPError
}

func newFakeSMTP(t testing.TB, implicitTLS bool, fail ...*smtp.SMTPError) *fakeSMTP {
	// httptest's certificate is for 127.0.0.1 and example.com.
	ts := httptest.NewTLSServer(http.NotFoundHandler())
	certs := ts.TLS.Certificates
	roots := x509.NewCertPool()
	roots.AddCert(ts.Certificate())
	ts.Close()

	fs := &fakeSMTP{roots: roots, fail: fail}
	srv := smtp.NewServer(backend{fs})
	srv.Domain = "127.0.0.1"
	srv.TLSConfig = &tls.Config{Certificates: certs}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	if implicitTLS {
		ln = tls.NewListener(ln, srv.TLSConfig)
	}
	fs.addr = ln.Addr().String()
	go srv.Serve(ln)
	t.Cleanup(func() { srv.Close() })
	return fs
}

func (fs *fakeSMTP) received() []received {
	fs.mu.Lock()
	defer fs.mu.Unlock()
	return append([]received(nil), fs.mails...)
}

type backend struct{ fs *fakeSMTP }

func (b backend) NewSession(c *smtp.Conn) (smtp.Session, error) {
	return &session{fs: b.fs, conn: c}, nil
}

type session struct {
	fs   *fakeSMTP
	conn *smtp.Conn
	cur  received
}

func (s *session) AuthMechanisms() []string { return []string{sasl.Plain} }

func (s *session) Auth(string) (sasl.Server, error) {
	return sasl.NewPlainServer(func(_, user, pass string) error {
		if user != "user" || pass != "secret" {
			return errors.New("bad credentials")
		}
		s.cur.User = user
		return nil
	}), nil
}

func (s *session) Mail(from string, _ *smtp.MailOptions) error { s.cur.From = from; return nil }
func (s *session) Rcpt(to string, _ *smtp.RcptOptions) error {
	s.cur.To = append(s.cur.To, to)
	return nil
}

func (s *session) Data(r io.Reader) error {
	var buf bytes.Buffer
	if _, err := io.Copy(&buf, r); err != nil {
		return err
	}
	_, s.cur.TLS = s.conn.TLSConnectionState()
	s.fs.mu.Lock()
	defer s.fs.mu.Unlock()
	if len(s.fs.fail) > 0 {
		e := s.fs.fail[0]
		s.fs.fail = s.fs.fail[1:]
		return e
	}
	s.cur.Data = buf.Bytes()
	s.fs.mails = append(s.fs.mails, s.cur)
	return nil
}

func (s *session) Reset()        { s.cur = received{User: s.cur.User} }
func (s *session) Logout() error { return nil }
