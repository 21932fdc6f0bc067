package mail

import (
	"context"
	"crypto/tls"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/smtp"
	"net/textproto"
	"strconv"
	"strings"
	"time"

	"github.com/robusta-go/robusta/runtime/api"
	"github.com/robusta-go/robusta/runtime/sink"
	"github.com/robusta-go/robusta/runtime/sink/retry"
)

// timeout bounds one SMTP session.
const timeout = 30 * time.Second

// Option configures a Sink beyond its params.
type Option func(*Sink)

// WithTLSConfig sets the TLS config (a private CA's roots, tests).
func WithTLSConfig(c *tls.Config) Option { return func(s *Sink) { s.tls = c } }

// WithPolicy sets the retry policy.
func WithPolicy(p retry.Policy) Option { return func(s *Sink) { s.policy = p } }

// WithLogger logs through l instead of slog.Default().
func WithLogger(l *slog.Logger) Option { return func(s *Sink) { s.log = l } }

// Sink mails findings. It holds no connection between findings, so it is
// safe for concurrent use.
type Sink struct {
	name, cluster string
	withHeader    bool
	srv           server
	sesConfigSet  string
	tls           *tls.Config
	policy        retry.Policy
	log           *slog.Logger
}

// New checks p and returns the sink. Errors never show the password.
func New(p Params, g sink.Global, opts ...Option) (*Sink, error) {
	if p.UseSES {
		return nil, fmt.Errorf("mail_sink %s: use_ses is not supported: set host to SES's SMTP endpoint (email-smtp.REGION.amazonaws.com) with SMTP credentials", p.Name)
	}
	srv, err := resolve(p)
	if err != nil {
		return nil, fmt.Errorf("mail_sink %s: %w", p.Name, err)
	}
	s := &Sink{name: p.Name, cluster: g.ClusterName, withHeader: p.WithHeader == nil || *p.WithHeader,
		srv: srv, sesConfigSet: p.ConfigurationSet, log: slog.Default()}
	for _, o := range opts {
		o(s)
	}
	if s.tls == nil {
		s.tls = &tls.Config{}
	}
	s.tls = s.tls.Clone()
	if s.tls.ServerName == "" {
		s.tls.ServerName = srv.host
	}
	s.policy = s.policy.WithDefaults()
	s.log = s.log.With("sink", p.Name, "sink_type", "mail_sink", "server", net.JoinHostPort(srv.host, strconv.Itoa(srv.port)))
	return s, nil
}

// Write mails f, retrying transient failures: connection errors and 4xx
// replies; a 5xx reply is permanent.
func (s *Sink) Write(ctx context.Context, f *api.Finding) error {
	c := render(f, s.cluster, s.withHeader)
	if len(c.skipped) > 0 {
		s.log.DebugContext(ctx, "mail_sink skips blocks it cannot show", "types", c.skipped)
	}
	msg, err := compose(envelope{from: s.srv.from, to: s.srv.to, date: s.policy.Clock.Now(), thread: f.Fingerprint, sesConfigSet: s.sesConfigSet}, c)
	if err != nil {
		return fmt.Errorf("mail_sink %s: %w", s.name, err)
	}
	pol := s.policy
	pol.OnRetry = func(attempt int, err error, wait time.Duration) {
		s.log.WarnContext(ctx, "sending mail failed, retrying", "attempt", attempt, "wait", wait.String(), "error", err)
	}
	if err := retry.Do(ctx, pol, func(ctx context.Context) error { return classify(s.send(ctx, msg)) }); err != nil {
		return fmt.Errorf("mail_sink %s: %w", s.name, err)
	}
	return nil
}

// classify marks SMTP's permanent replies (5xx) Permanent.
func classify(err error) error {
	var te *textproto.Error
	if errors.As(err, &te) && te.Code >= 500 {
		return retry.Permanent(err)
	}
	return err
}

// send is one SMTP session.
func (s *Sink) send(ctx context.Context, msg []byte) error {
	addr := net.JoinHostPort(s.srv.host, strconv.Itoa(s.srv.port))
	d := &net.Dialer{Timeout: timeout}
	var conn net.Conn
	var err error
	if s.srv.mode == ModeTLS {
		conn, err = (&tls.Dialer{NetDialer: d, Config: s.tls}).DialContext(ctx, "tcp", addr)
	} else {
		conn, err = d.DialContext(ctx, "tcp", addr)
	}
	if err != nil {
		return fmt.Errorf("connecting: %w", err)
	}
	defer conn.Close()
	conn.SetDeadline(time.Now().Add(timeout))
	stop := context.AfterFunc(ctx, func() { conn.Close() }) // net/smtp takes no context
	defer stop()
	c, err := smtp.NewClient(conn, s.srv.host)
	if err != nil {
		return fmt.Errorf("greeting: %w", err)
	}
	defer c.Close()
	secure := s.srv.mode == ModeTLS
	if s.srv.mode == ModeSTARTTLS || s.srv.mode == modeOpportunistic {
		if ok, _ := c.Extension("STARTTLS"); ok {
			if err := c.StartTLS(s.tls); err != nil {
				return retry.Permanent(fmt.Errorf("STARTTLS: %w", err)) // a certificate problem stays one
			}
			secure = true
		} else if s.srv.mode == ModeSTARTTLS {
			return retry.Permanent(errors.New("the server does not offer STARTTLS (set tls: tls for port 465, or none for a local relay)"))
		}
	}
	if s.srv.username != "" {
		if !secure {
			return retry.Permanent(errors.New("not logging in without TLS: the server offers no STARTTLS"))
		}
		if err := c.Auth(s.auth(c)); err != nil {
			return fmt.Errorf("AUTH: %w", err)
		}
	}
	if err := c.Mail(s.srv.from.Address); err != nil {
		return fmt.Errorf("MAIL FROM: %w", err)
	}
	for _, to := range s.srv.to {
		if err := c.Rcpt(to.Address); err != nil {
			return fmt.Errorf("RCPT TO %s: %w", to.Address, err)
		}
	}
	w, err := c.Data()
	if err != nil {
		return fmt.Errorf("DATA: %w", err)
	}
	if _, err := w.Write(msg); err != nil {
		return fmt.Errorf("DATA: %w", err)
	}
	if err := w.Close(); err != nil {
		return fmt.Errorf("DATA: %w", err)
	}
	return c.Quit()
}

// auth is PLAIN, or LOGIN when the server offers only that (Office 365).
// Both run over TLS only (send checks), so net/smtp's own check passes.
func (s *Sink) auth(c *smtp.Client) smtp.Auth {
	if _, mechs := c.Extension("AUTH"); !strings.Contains(strings.ToUpper(mechs), "PLAIN") && strings.Contains(strings.ToUpper(mechs), "LOGIN") {
		return loginAuth{s.srv.username, s.srv.password}
	}
	return smtp.PlainAuth("", s.srv.username, s.srv.password, s.srv.host)
}

// loginAuth is AUTH LOGIN, which net/smtp lacks.
type loginAuth struct{ user, pass string }

func (a loginAuth) Start(*smtp.ServerInfo) (string, []byte, error) { return "LOGIN", nil, nil }

func (a loginAuth) Next(fromServer []byte, more bool) ([]byte, error) {
	if !more {
		return nil, nil
	}
	switch strings.ToLower(strings.TrimSpace(string(fromServer))) {
	case "username:":
		return []byte(a.user), nil
	case "password:":
		return []byte(a.pass), nil
	}
	return nil, errors.New("unexpected AUTH LOGIN challenge")
}

// Close does nothing: no connection outlives a Write.
func (s *Sink) Close(context.Context) error { return nil }
