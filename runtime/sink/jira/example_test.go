package jira

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

const examplePath = "../../../docs/sink-examples/jira.json"

// exampleFields are the create-issue fields of the every-block finding.
func exampleFields() map[string]any {
	s := &Sink{epic: "OPS-1"}
	fields := s.fields(alertFinding())
	fields["labels"] = []string{"f00d"}
	fields["priority"] = map[string]string{"name": s.priority(alertFinding())}
	fields["issuetype"] = map[string]string{"id": "10006"}
	fields["project"] = map[string]string{"id": "10000"}
	return fields
}

// TestExamplePayload keeps the committed example, the create-issue body of
// the every-block finding, what the sink sends; ROBUSTA_UPDATE_EXAMPLES=1
// rewrites it.
func TestExamplePayload(t *testing.T) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false) // readable: the service reads either
	enc.SetIndent("", "  ")
	if err := enc.Encode(map[string]any{"update": map[string]any{}, "fields": exampleFields()}); err != nil {
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
		t.Errorf("%s is stale: ROBUSTA_UPDATE_EXAMPLES=1 go test -run TestExamplePayload ./runtime/sink/jira", examplePath)
	}
}

func TestParamsSchema(t *testing.T) {
	s := schema.Reflect(reflect.TypeFor[Params]())
	req := slices.Sorted(slices.Values(s.Required))
	if want := []string{"api_key", "name", "project_name", "url", "username"}; !slices.Equal(req, want) {
		t.Errorf("required %v, want %v", req, want)
	}
	doc, err := schema.Marshal(s)
	if err != nil {
		t.Fatal(err)
	}
	sch, err := schema.Compile("mem://jira_sink", doc)
	if err != nil {
		t.Fatal(err)
	}
	const base = `"name":"j","url":"https://x.atlassian.net","username":"u@x","api_key":"k","project_name":"OPS"`
	for params, ok := range map[string]bool{
		`{` + base + `}`: true,
		`{` + base + `,"issue_type":"Bug","dedups":["fingerprint","cluster_name"],"project_type_id_override":10000,"issue_type_id_override":10005,"sendResolved":true,"reopenIssues":true,"doneStatusName":"Closed","reopenStatusName":"Open","noReopenResolution":"Won't Do","epic":"OPS-1","assignee":"abc","priority_mapping":{"HIGH":"High"},"scope":{"include":[{"identifier":["KubePodCrashLooping"]}]}}`: true,
		`{"name":"j","url":"https://x","username":"u","api_key":"k"}`: false,
		`{` + base + `,"send_resolved":true}`:                         false,
		`{` + base + `,"url":"x.atlassian.net"}`:                      false,
		`{` + base + `,"priority_mapping":{"HIGH":1}}`:                false,
		`{` + base + `,"project_type_id_override":"10000"}`:           false,
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
	got, err := Type.New([]byte(`{"name":"j","url":"https://x.atlassian.net/","username":"u","api_key":"k","project_name":"OPS"}`), sink.Global{ClusterName: "c"})
	if err != nil {
		t.Fatal(err)
	}
	s := got.(*Sink)
	if s.base != "https://x.atlassian.net" || !slices.Equal(s.dedups, []string{"fingerprint"}) || s.issueType != "Task" || s.doneStatus != "Done" || s.reopenTo != "To Do" {
		t.Errorf("defaults: %+v", s)
	}
	for raw, want := range map[string]string{
		`{"name":"j","username":"u","api_key":"k","project_name":"OPS"}`:                                                          "url is required",
		`{"name":"j","url":"https://x","username":"u","api_key":"k"}`:                                                             "project_name is required",
		`{"name":"j","url":"https://x","username":"u","api_key":"k","project_name":"OPS","dedups":["fingerprnt"]}`:                `unknown attribute "fingerprnt"`,
		`{"name":"j","url":"https://x","username":"u","api_key":"k","project_name":"OPS","priority_mapping":{"CRITICAL":"High"}}`: `unknown severity "CRITICAL"`,
		`{"name":"j","url":"ftp://x","username":"u","api_key":"k","project_name":"OPS"}`:                                          "not an http(s) URL",
	} {
		if _, err := Type.New([]byte(raw), sink.Global{}); err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("%s: error %v, want %q", raw, err, want)
		}
	}
	// The project id alone is enough, as in Robusta.
	if _, err := Type.New([]byte(`{"name":"j","url":"https://x","username":"u","api_key":"k","project_name":"","project_type_id_override":10000}`), sink.Global{}); err != nil {
		t.Error(err)
	}
}

func BenchmarkRender(b *testing.B) {
	s, f := &Sink{}, alertFinding()
	b.ReportAllocs()
	for b.Loop() {
		if _, err := json.Marshal(s.fields(f)); err != nil {
			b.Fatal(err)
		}
	}
}
