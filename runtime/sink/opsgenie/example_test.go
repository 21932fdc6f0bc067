package opsgenie

import (
	"bytes"
	"encoding/json"
	"os"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/robusta-go/robusta/runtime/schema"
	"github.com/robusta-go/robusta/runtime/sink"
)

const examplePath = "../../../docs/sink-examples/opsgenie.json"

func exampleSink() *Sink {
	return &Sink{cluster: "prod-eu", teams: []string{"noc", "$labels.team"}, defaultTeam: "oncall", tags: []string{"$labels.app"}}
}

// TestExamplePayload keeps the committed example, the alert created for
// the every-block finding, what the sink sends; ROBUSTA_UPDATE_EXAMPLES=1
// rewrites it.
func TestExamplePayload(t *testing.T) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false) // readable: the service reads either
	enc.SetIndent("", "  ")
	if err := enc.Encode(exampleSink().alert(alertFinding())); err != nil {
		t.Fatal(err)
	}
	got := buf.Bytes()
	if os.Getenv("ROBUSTA_UPDATE_EXAMPLES") != "" {
		if err := os.WriteFile(examplePath, got, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(examplePath)
	if err != nil {
		t.Fatalf("%v (ROBUSTA_UPDATE_EXAMPLES=1 writes it)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s is stale: ROBUSTA_UPDATE_EXAMPLES=1 go test -run TestExamplePayload ./runtime/sink/opsgenie", examplePath)
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
	sch, err := schema.Compile("mem://opsgenie_sink", doc)
	if err != nil {
		t.Fatal(err)
	}
	for params, ok := range map[string]bool{
		`{"name":"og","api_key":"k"}`: true,
		`{"name":"og","api_key":"k","teams":["noc","$labels.team"],"default_team":"oncall","tags":["a"],"host":"https://api.eu.opsgenie.com","extra_details_labels":true,"stop":true,"grouping":{"group_by":["cluster"]}}`: true,
		`{"name":"og"}`: false,
		`{"name":"og","api_key":"k","team":["noc"]}`:            false,
		`{"name":"og","api_key":"k","host":"api.opsgenie.com"}`: false,
		`{"name":"og","api_key":"k","teams":"noc"}`:             false,
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
	got, err := Type.New([]byte(`{"name":"og","api_key":"k","host":"https://api.eu.opsgenie.com/"}`), sink.Global{ClusterName: "c"})
	if err != nil {
		t.Fatal(err)
	}
	if s := got.(*Sink); s.base != "https://api.eu.opsgenie.com" || s.cluster != "c" {
		t.Errorf("sink %+v", s)
	}
	got, err = Type.New([]byte(`{"name":"og","api_key":"k"}`), sink.Global{})
	if err != nil || got.(*Sink).base != DefaultHost {
		t.Errorf("without host: %v, %v", got, err)
	}
	for _, raw := range []string{`{"name":"og"}`, `{"name":"og","api_key":"k","host":"ftp://x"}`, `{"name":"og","api_key":"k","host":"https://u:p@h"}`, `{"name":"og","api_key":7}`} {
		if _, err := Type.New([]byte(raw), sink.Global{}); err == nil {
			t.Errorf("%s was accepted", raw)
		}
	}
}

func BenchmarkRender(b *testing.B) {
	s, f := exampleSink(), alertFinding()
	b.ReportAllocs()
	for b.Loop() {
		if _, err := json.Marshal(s.alert(f)); err != nil {
			b.Fatal(err)
		}
	}
}
