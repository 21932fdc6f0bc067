package pagerduty

import (
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"os"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/robusta-go/robusta/runtime/schema"
	"github.com/robusta-go/robusta/runtime/sink"
)

var update = flag.Bool("update", false, "rewrite docs/sink-examples/pagerduty.json")

const examplePath = "../../../docs/sink-examples/pagerduty.json"

// TestExamplePayload keeps the committed example, the event sent for the
// every-block finding, what the sink sends.
func TestExamplePayload(t *testing.T) {
	ev := alertEvent(alertFinding(), "YOUR_ROUTING_KEY", "prod-eu")
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false) // readable: the service reads either
	enc.SetIndent("", "  ")
	if err := enc.Encode(ev); err != nil {
		t.Fatal(err)
	}
	got := buf.Bytes()
	if *update {
		if err := os.WriteFile(examplePath, got, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(examplePath)
	if err != nil {
		t.Fatalf("%v (run go test -run TestExamplePayload -update)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s is stale: run go test -run TestExamplePayload -update ./runtime/sink/pagerduty", examplePath)
	}
}

func TestParamsSchema(t *testing.T) {
	s := schema.Reflect(reflect.TypeFor[Params]())
	req := slices.Sorted(slices.Values(s.Required))
	if want := []string{"api_key", "name"}; !slices.Equal(req, want) {
		t.Errorf("required %v, want %v", req, want)
	}
	doc, err := schema.Marshal(s)
	if err != nil {
		t.Fatal(err)
	}
	sch, err := schema.Compile("mem://pagerduty_sink", doc)
	if err != nil {
		t.Fatal(err)
	}
	for params, ok := range map[string]bool{
		`{"name":"pd","api_key":"k"}`: true,
		`{"name":"pd","api_key":"k","api_url":"https://events.eu.pagerduty.com","default":false,"scope":{"include":[{"namespace":"prod"}]},"send_svg":true,"grouping":{"group_by":["cluster"]}}`: true,
		`{"name":"pd"}`: false,
		`{"name":"pd","api_key":"k","apikey":"x"}`:  false,
		`{"name":"pd","api_key":"k","api_url":"x"}`: false,
		`{"name":"pd","api_key":"k","routing":"r"}`: false,
	} {
		var v any
		d := json.NewDecoder(strings.NewReader(params))
		d.UseNumber()
		if err := d.Decode(&v); err != nil {
			t.Fatal(err)
		}
		if err := sch.Validate(v); (err == nil) != ok {
			t.Errorf("%s: valid = %v, want %v (%v)", params, err == nil, ok, err)
		}
	}
}

func TestTypeNew(t *testing.T) {
	got, err := Type.New([]byte(`{"name":"pd","api_key":"k"}`), sink.Global{ClusterName: "c"})
	if err != nil {
		t.Fatal(err)
	}
	if s := got.(*Sink); s.base != DefaultAPIURL || s.cluster != "c" {
		t.Errorf("sink %+v", s)
	}
	for _, raw := range []string{`{"name":"pd"}`, `{"name":"pd","api_key":"k","api_url":"ftp://x"}`, `{"name":"pd","api_key":"k","api_url":"https://u:p@h"}`} {
		if _, err := Type.New([]byte(raw), sink.Global{}); err == nil {
			t.Errorf("%s was accepted", raw)
		}
	}
}

func BenchmarkRender(b *testing.B) {
	f := alertFinding()
	b.ReportAllocs()
	for b.Loop() {
		if _, err := json.Marshal(alertEvent(f, "k", "prod-eu")); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkWrite is one every-block finding sent to the fake Events API on
// loopback.
func BenchmarkWrite(b *testing.B) {
	srv := newFakePD(b)
	s, _ := testSink(b, srv)
	f := alertFinding()
	b.ReportAllocs()
	for b.Loop() {
		if err := s.Write(context.Background(), f); err != nil {
			b.Fatal(err)
		}
	}
}
