package kafka

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"os"
	"strings"
	"time"

	"github.com/twmb/franz-go/pkg/kgo"
	"github.com/twmb/franz-go/pkg/sasl/plain"
	"github.com/twmb/franz-go/pkg/sasl/scram"

	"github.com/robusta-go/robusta/runtime/api"
	"github.com/robusta-go/robusta/runtime/sink"
	"github.com/robusta-go/robusta/runtime/sink/retry"
)

// Option configures a Sink beyond its params.
type Option func(*options)

type options struct {
	tls    *tls.Config
	policy retry.Policy
	log    *slog.Logger
}

// WithTLSConfig sets the TLS config (tests; a CA in memory).
func WithTLSConfig(c *tls.Config) Option { return func(o *options) { o.tls = c } }

// WithPolicy bounds a record's delivery by the policy's Total.
func WithPolicy(p retry.Policy) Option { return func(o *options) { o.policy = p } }

// WithLogger logs through l instead of slog.Default().
func WithLogger(l *slog.Logger) Option { return func(o *options) { o.log = l } }

// Sink produces findings to a topic. kgo.Client is safe for concurrent use.
type Sink struct {
	name, cluster, topic string
	client               *kgo.Client
}

// record is a record's value: the finding and the cluster it came from.
type record struct {
	Cluster string `json:"cluster_name"`
	*api.Finding
}

// New checks p and returns the sink; it does not connect until a Write.
func New(p Params, g sink.Global, opts ...Option) (*Sink, error) {
	o := options{log: slog.Default()}
	for _, f := range opts {
		f(&o)
	}
	o.policy = o.policy.WithDefaults()
	var seeds []string
	for _, s := range strings.Split(p.KafkaURL, ",") {
		if s = strings.TrimSpace(s); s != "" {
			if _, _, err := net.SplitHostPort(s); err != nil {
				return nil, fmt.Errorf("kafka_sink %s: kafka_url %q is not host:port", p.Name, s)
			}
			seeds = append(seeds, s)
		}
	}
	if len(seeds) == 0 || p.Topic == "" {
		return nil, fmt.Errorf("kafka_sink %s: kafka_url and topic are required", p.Name)
	}
	kopts := []kgo.Opt{
		kgo.SeedBrokers(seeds...),
		kgo.DefaultProduceTopic(p.Topic),
		kgo.RequiredAcks(kgo.AllISRAcks()),
		kgo.RecordDeliveryTimeout(o.policy.Total),
		kgo.ProducerLinger(0), // a finding is sent when written, not batched with later ones
		kgo.WithLogger(kgoLogger{o.log.With("sink", p.Name, "sink_type", "kafka_sink")}),
	}
	auth, err := authOpts(p.Auth, o.tls)
	if err != nil {
		return nil, fmt.Errorf("kafka_sink %s: auth: %w", p.Name, err)
	}
	client, err := kgo.NewClient(append(kopts, auth...)...)
	if err != nil {
		return nil, fmt.Errorf("kafka_sink %s: %w", p.Name, err)
	}
	return &Sink{name: p.Name, cluster: g.ClusterName, topic: p.Topic, client: client}, nil
}

// authOpts turns kafka-python's settings into kgo's.
func authOpts(a Auth, tlsCfg *tls.Config) ([]kgo.Opt, error) {
	proto := strings.ToUpper(cmpOr(a.SecurityProtocol, "PLAINTEXT"))
	var out []kgo.Opt
	if proto == "SSL" || proto == "SASL_SSL" {
		cfg := &tls.Config{MinVersion: tls.VersionTLS12}
		if tlsCfg != nil {
			cfg = tlsCfg.Clone()
		}
		if a.SSLCAFile != "" {
			pem, err := os.ReadFile(a.SSLCAFile)
			if err != nil {
				return nil, fmt.Errorf("ssl_cafile: %w", err)
			}
			cfg.RootCAs = x509.NewCertPool()
			if !cfg.RootCAs.AppendCertsFromPEM(pem) {
				return nil, errors.New("ssl_cafile holds no PEM certificate")
			}
		}
		if a.SSLCertFile != "" || a.SSLKeyFile != "" {
			cert, err := tls.LoadX509KeyPair(a.SSLCertFile, a.SSLKeyFile)
			if err != nil {
				return nil, fmt.Errorf("ssl_certfile and ssl_keyfile: %w", err)
			}
			cfg.Certificates = []tls.Certificate{cert}
		}
		if a.SSLCheckHostname != nil && !*a.SSLCheckHostname {
			cfg.InsecureSkipVerify = true // asked for by name; kafka-python's meaning
		}
		out = append(out, kgo.DialTLSConfig(cfg))
	}
	if proto == "SASL_PLAINTEXT" || proto == "SASL_SSL" {
		user, pass := a.SASLPlainUsername, a.SASLPlainPassword
		switch strings.ToUpper(cmpOr(a.SASLMechanism, "PLAIN")) {
		case "PLAIN":
			out = append(out, kgo.SASL(plain.Auth{User: user, Pass: pass}.AsMechanism()))
		case "SCRAM-SHA-256":
			out = append(out, kgo.SASL(scram.Auth{User: user, Pass: pass}.AsSha256Mechanism()))
		case "SCRAM-SHA-512":
			out = append(out, kgo.SASL(scram.Auth{User: user, Pass: pass}.AsSha512Mechanism()))
		default:
			return nil, fmt.Errorf("sasl_mechanism %q is not PLAIN, SCRAM-SHA-256 or SCRAM-SHA-512", a.SASLMechanism)
		}
	} else if a.SASLPlainUsername != "" {
		return nil, fmt.Errorf("sasl_plain_username is set but security_protocol %s has no SASL", proto)
	}
	return out, nil
}

// Write produces f and waits for the brokers to acknowledge it.
func (s *Sink) Write(ctx context.Context, f *api.Finding) error {
	value, err := json.Marshal(record{Cluster: s.cluster, Finding: f})
	if err != nil {
		return fmt.Errorf("kafka_sink %s: encoding the finding: %w", s.name, err)
	}
	r := &kgo.Record{Topic: s.topic, Value: value, Timestamp: time.Now()}
	if f.Fingerprint != "" {
		r.Key = []byte(f.Fingerprint)
	}
	if err := s.client.ProduceSync(ctx, r).FirstErr(); err != nil {
		return fmt.Errorf("kafka_sink %s: producing to %s: %w", s.name, s.topic, err)
	}
	return nil
}

// Close flushes what is buffered, then closes the client.
func (s *Sink) Close(ctx context.Context) error {
	err := s.client.Flush(ctx)
	s.client.Close()
	if err != nil {
		return fmt.Errorf("kafka_sink %s: flushing: %w", s.name, err)
	}
	return nil
}

func cmpOr(a, b string) string {
	if a != "" {
		return a
	}
	return b
}

// kgoLogger sends kgo's warnings and errors to slog; its info and debug
// lines (every connection) stay out.
type kgoLogger struct{ l *slog.Logger }

func (k kgoLogger) Level() kgo.LogLevel { return kgo.LogLevelWarn }

func (k kgoLogger) Log(level kgo.LogLevel, msg string, kv ...any) {
	if level == kgo.LogLevelError {
		k.l.Error("kafka: "+msg, kv...)
		return
	}
	k.l.Warn("kafka: "+msg, kv...)
}

// WithPolicyTotal bounds a record's delivery to d.
func WithPolicyTotal(d time.Duration) Option { return func(o *options) { o.policy.Total = d } }
