package kafka

import (
	"context"
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/twmb/franz-go/pkg/kfake"
	"github.com/twmb/franz-go/pkg/kgo"
	"github.com/twmb/franz-go/pkg/sasl/scram"

	"github.com/robusta-go/robusta/runtime/api"
	"github.com/robusta-go/robusta/runtime/sink"
	"github.com/robusta-go/robusta/runtime/sink/sinktest"
)

// cluster is kfake, franz-go's in-process Kafka, with the topic.
func cluster(t *testing.T, opts ...kfake.Opt) string {
	t.Helper()
	c, err := kfake.NewCluster(append([]kfake.Opt{kfake.NumBrokers(1), kfake.SeedTopics(1, "findings")}, opts...)...)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(c.Close)
	return strings.Join(c.ListenAddrs(), ",")
}

// consume reads n records from the topic's start.
func consume(t *testing.T, addrs string, n int, opts ...kgo.Opt) []*kgo.Record {
	t.Helper()
	cl, err := kgo.NewClient(append([]kgo.Opt{kgo.SeedBrokers(strings.Split(addrs, ",")...), kgo.ConsumeTopics("findings"),
		kgo.ConsumeResetOffset(kgo.NewOffset().AtStart())}, opts...)...)
	if err != nil {
		t.Fatal(err)
	}
	defer cl.Close()
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	var out []*kgo.Record
	for len(out) < n {
		fs := cl.PollFetches(ctx)
		if err := ctx.Err(); err != nil {
			t.Fatalf("got %d records of %d: %v", len(out), n, err)
		}
		out = append(out, fs.Records()...)
	}
	return out
}

// TestProducesFindingKeyedByFingerprint: one record per finding, its key
// the fingerprint, its value the finding's JSON with cluster_name.
func TestProducesFindingKeyedByFingerprint(t *testing.T) {
	addrs := cluster(t)
	s, err := New(Params{Common: sink.Common{Name: "k"}, KafkaURL: addrs, Topic: "findings"}, sink.Global{ClusterName: "prod-eu"})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close(context.Background())
	f := sinktest.EveryBlock()
	f.Fingerprint = "fp-1"
	f.AggregationKey = "CrashLoop"
	if err := s.Write(context.Background(), f); err != nil {
		t.Fatal(err)
	}
	recs := consume(t, addrs, 1)
	if len(recs) != 1 || string(recs[0].Key) != "fp-1" {
		t.Fatalf("records %v", recs)
	}
	var got map[string]any
	if err := json.Unmarshal(recs[0].Value, &got); err != nil {
		t.Fatal(err)
	}
	want := map[string]any{}
	b, _ := json.Marshal(f)
	json.Unmarshal(b, &want)
	want["cluster_name"] = "prod-eu"
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("value (-want +got):\n%s", diff)
	}
	for k, v := range map[string]any{"title": "Crash loop in web", "fingerprint": "fp-1", "aggregation_key": "CrashLoop", "cluster_name": "prod-eu"} {
		if got[k] != v {
			t.Errorf("%s = %v, want %v", k, got[k], v)
		}
	}
	if subj, _ := got["subject"].(map[string]any); subj["name"] != "web-1" || subj["namespace"] != "prod" {
		t.Errorf("subject %v", got["subject"])
	}
}

// TestSCRAM: SASL_PLAINTEXT with SCRAM-SHA-256 authenticates; a wrong
// password fails the Write without showing it.
func TestSCRAM(t *testing.T) {
	addrs := cluster(t, kfake.EnableSASL(), kfake.Superuser("SCRAM-SHA-256", "robusta", "pw-OK"))
	p := Params{Common: sink.Common{Name: "k"}, KafkaURL: addrs, Topic: "findings", Auth: Auth{
		SecurityProtocol: "SASL_PLAINTEXT", SASLMechanism: "SCRAM-SHA-256", SASLPlainUsername: "robusta", SASLPlainPassword: "pw-OK"}}
	s, err := New(p, sink.Global{})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close(context.Background())
	if err := s.Write(context.Background(), &api.Finding{Title: "t", Fingerprint: "x"}); err != nil {
		t.Fatal(err)
	}
	recs := consume(t, addrs, 1, kgo.SASL(scram.Auth{User: "robusta", Pass: "pw-OK"}.AsSha256Mechanism()))
	if string(recs[0].Key) != "x" {
		t.Errorf("key %q", recs[0].Key)
	}

	p.Auth.SASLPlainPassword = "WRONG-pw"
	bad, err := New(p, sink.Global{}, WithPolicyTotal(2*time.Second))
	if err != nil {
		t.Fatal(err)
	}
	defer bad.Close(context.Background())
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if err := bad.Write(ctx, &api.Finding{Title: "t"}); err == nil || strings.Contains(err.Error(), "WRONG") {
		t.Errorf("wrong password: error %v", err)
	}
}

// TestBadAuth: settings that cannot work are errors at New.
func TestBadAuth(t *testing.T) {
	for _, a := range []Auth{
		{SecurityProtocol: "SASL_SSL", SASLMechanism: "GSSAPI"},
		{SASLPlainUsername: "u"},
		{SecurityProtocol: "SSL", SSLCAFile: "/nonexistent.pem"},
	} {
		if _, err := New(Params{Common: sink.Common{Name: "k"}, KafkaURL: "localhost:9092", Topic: "t", Auth: a}, sink.Global{}); err == nil {
			t.Errorf("%+v: no error", a)
		}
	}
	if _, err := New(Params{Common: sink.Common{Name: "k"}, KafkaURL: "no-port", Topic: "t"}, sink.Global{}); err == nil {
		t.Error("kafka_url without a port: no error")
	}
}

func BenchmarkRender(b *testing.B) {
	f := sinktest.EveryBlock()
	b.ReportAllocs()
	for b.Loop() {
		if _, err := json.Marshal(record{Cluster: "prod-eu", Finding: f}); err != nil {
			b.Fatal(err)
		}
	}
}
