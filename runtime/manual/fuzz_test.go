package manual

import (
	"bytes"
	"encoding/json"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// FuzzDecodeRequest feeds arbitrary bodies to the manual trigger's
// decoder. It never panics; it returns a request or an error, never both
// or neither; a request it accepts keeps the decoder's invariants and
// decodes to itself again after encoding.
func FuzzDecodeRequest(f *testing.F) {
	for _, seed := range []string{
		`{"action_name": "echo", "action_params": {"message": "hi"}}`,
		`{"action_name": "logs_enricher", "kind": "pod", "name": "web-1", "namespace": "default", "sinks": ["main"]}`,
		`{"action_name": "echo", "no_sinks": true}`,
		`{"action_name": "echo", "kind": "Secret", "name": "s", "namespace": "default"}`,
		`{"action_name": "echo", "sinks": ["a"], "no_sinks": true}`,
		`{"action_name": "echo", "action_params": [1]}`,
		`{"action_name": "echo"} {}`,
		`{"action_name": "echo", "unknown": 1}`,
		`{"name": "x"}`, `{}`, `null`, ``,
	} {
		f.Add([]byte(seed))
	}
	f.Fuzz(func(t *testing.T, body []byte) {
		req, err := decode(bytes.NewReader(body))
		if (req == nil) == (err == nil) {
			t.Fatalf("decode = %v, %v: want a request or an error", req, err)
		}
		if err != nil {
			if err.Error() == "" {
				t.Fatal("an error without a message")
			}
			return
		}
		switch {
		case req.ActionName == "":
			t.Fatal("accepted a request without action_name")
		case req.NoSinks && len(req.Sinks) > 0:
			t.Fatal("accepted sinks with no_sinks")
		case req.Kind == "" && (req.Name != "" || req.Namespace != ""):
			t.Fatal("accepted a name without a kind")
		case req.Kind != "" && req.Name == "":
			t.Fatal("accepted a kind without a name")
		}
		again, err := json.Marshal(req)
		if err != nil {
			t.Fatalf("re-encoding an accepted request: %v", err)
		}
		back, err := decode(bytes.NewReader(again))
		if err != nil {
			t.Fatalf("the re-encoded request %s is refused: %v", again, err)
		}
		if diff := cmp.Diff(compact(t, req), compact(t, back)); diff != "" {
			t.Fatalf("round trip changed the request (-first +second):\n%s", diff)
		}
	})
}

// compact normalises ActionParams, whose bytes keep the caller's spelling
// (spacing, escapes such as \u0026 that json.Marshal writes for &): two
// requests are the same when their params are the same JSON value.
func compact(t *testing.T, r *Request) Request {
	c := *r
	if len(c.ActionParams) > 0 {
		dec := json.NewDecoder(bytes.NewReader(c.ActionParams))
		dec.UseNumber()
		var v any
		if err := dec.Decode(&v); err != nil {
			t.Fatalf("accepted action_params that are not JSON: %v", err)
		}
		var b bytes.Buffer
		enc := json.NewEncoder(&b)
		enc.SetEscapeHTML(false)
		if err := enc.Encode(v); err != nil {
			t.Fatal(err)
		}
		c.ActionParams = b.Bytes()
	}
	return c
}
