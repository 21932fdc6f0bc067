package slack

import (
	"encoding/json"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/robusta-go/robusta/runtime/schema"
	"github.com/robusta-go/robusta/runtime/sink"
)

func TestParamsSchema(t *testing.T) {
	s := schema.Reflect(reflect.TypeFor[Params]())
	req := slices.Clone(s.Required)
	slices.Sort(req)
	if want := []string{"api_key", "name", "slack_channel"}; !slices.Equal(req, want) {
		t.Errorf("required %v, want %v", req, want)
	}
	defaults := map[string]any{}
	for p := s.Properties.Oldest(); p != nil; p = p.Next() {
		if p.Value.Default != nil {
			defaults[p.Key] = p.Value.Default
		}
		if p.Value.Description == "" {
			t.Errorf("%s has no description", p.Key)
		}
	}
	for k, v := range map[string]any{"max_log_file_limit_kb": 1000, "api_url": DefaultAPIURL, "default": true} {
		if got, _ := json.Marshal(defaults[k]); string(got) != mustJSON(v) {
			t.Errorf("default of %s = %s, want %s", k, got, mustJSON(v))
		}
	}

	doc, err := schema.Marshal(s)
	if err != nil {
		t.Fatal(err)
	}
	sch, err := schema.Compile("mem://slack_sink", doc)
	if err != nil {
		t.Fatal(err)
	}
	for params, ok := range map[string]bool{
		`{"name":"team","slack_channel":"alerts","api_key":"xoxb-1"}`:                                                true,
		`{"name":"team","slack_channel":"alerts","api_key":"xoxb-1","channel_override":"labels.team"}`:               true,
		`{"name":"team","slack_channel":"alerts","api_key":"xoxb-1","channel_override":"$cluster_name-$labels.env"}`: true,
		`{"name":"team","slack_channel":"alerts","api_key":"xoxb-1","channel_override":"other-channel"}`:             false,
		`{"name":"team","slack_channel":"alerts","api_key":"xoxb-1","max_log_file_limit_kb":0}`:                      false,
		`{"name":"team","slack_channel":"alerts","api_key":"xoxb-1","api_url":"ftp://x"}`:                            false,
		`{"name":"team","slack_channel":"alerts"}`:                                                                   false,
		`{"name":"team","slack_channel":"alerts","api_key":"xoxb-1","slack_chanel":"x"}`:                             false,
	} {
		v, err := unmarshalAny(params)
		if err != nil {
			t.Fatal(err)
		}
		if err := sch.Validate(v); (err == nil) != ok {
			t.Errorf("%s: valid = %v, want %v (%v)", params, err == nil, ok, err)
		}
	}
}

// The schema's pattern and parseOverride accept the same overrides.
func TestOverridePatternMatchesParser(t *testing.T) {
	f, _ := reflect.TypeFor[Params]().FieldByName("ChannelOverride")
	if !strings.Contains(f.Tag.Get("jsonschema"), "pattern="+overridePattern) {
		t.Errorf("the channel_override tag does not carry overridePattern")
	}
}

func TestTypeNewAppliesDefaults(t *testing.T) {
	got, err := Type.New([]byte(`{"name":"team","slack_channel":"alerts","api_key":"xoxb-1"}`), sink.Global{ClusterName: "c"})
	if err != nil {
		t.Fatal(err)
	}
	s := got.(*Sink)
	if s.maxFileBytes != 1_000_000 || s.cluster != "c" || s.name != "team" {
		t.Errorf("sink %+v", s)
	}
	if _, err := Type.New([]byte(`{"name":"x","slack_channel":"a","api_key":"k","api_url":"not a url"}`), sink.Global{}); err == nil {
		t.Error("a bad api_url was accepted")
	}
}

func mustJSON(v any) string {
	b, _ := json.Marshal(v)
	return string(b)
}

func unmarshalAny(doc string) (any, error) {
	var v any
	d := json.NewDecoder(strings.NewReader(doc))
	d.UseNumber()
	return v, d.Decode(&v)
}
