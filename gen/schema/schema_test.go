package schema_test

import (
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"sync"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/robusta-go/robusta/gen/model"
	"github.com/robusta-go/robusta/gen/schema"
	"github.com/robusta-go/robusta/gen/schema/schematest"
	rtschema "github.com/robusta-go/robusta/runtime/schema"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/golden")

// fixture loads the fixture module once per test binary: the good, other
// and bad packages together, as one generator run would.
var fixture = func() func(testing.TB) *model.Bundle {
	var once sync.Once
	var b *model.Bundle
	return func(tb testing.TB) *model.Bundle {
		once.Do(func() { b = schematest.Load(tb, "./good", "./other", "./bad") })
		if b == nil {
			tb.Fatal("fixture did not load")
		}
		return b
	}
}()

func TestGolden(t *testing.T) {
	b := fixture(t)
	for _, a := range b.Actions {
		if a.Name == "broken" {
			continue
		}
		t.Run(a.Name, func(t *testing.T) {
			got, err := schema.ForAction(b, a)
			if err != nil {
				t.Fatal(err)
			}
			path := filepath.Join("testdata", "golden", a.Name+".json")
			if *update {
				if err := os.WriteFile(path, got, 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(path)
			if err != nil {
				t.Fatalf("%v (go test -update creates it)", err)
			}
			if diff := cmp.Diff(string(want), string(got)); diff != "" {
				t.Errorf("-want +got (go test -update rewrites it):\n%s", diff)
			}
			// Every schema compiles as draft-07, as the runtime compiles it.
			if _, err := rtschema.Compile(a.Name+".json", got); err != nil {
				t.Error(err)
			}
		})
	}
}

func TestDeterministic(t *testing.T) {
	b := fixture(t)
	a := schematest.Action(t, b, "everything")
	first, err := schema.ForAction(b, a)
	if err != nil {
		t.Fatal(err)
	}
	for range 5 {
		again, err := schema.ForAction(b, a)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(first, again) {
			t.Fatal("a second run wrote different bytes")
		}
	}
}

func TestNoParams(t *testing.T) {
	b := fixture(t)
	got, err := schema.ForAction(b, schematest.Action(t, b, "echo"))
	if err != nil {
		t.Fatal(err)
	}
	want := `{"additionalProperties": false, "type": "object"}`
	if diff := cmp.Diff(decode(t, []byte(want)), decode(t, got)); diff != "" {
		t.Errorf("-want +got:\n%s", diff)
	}
}

// TestSameNamedTypes: good.Config holds other.Config; both are inlined
// with their own fields and docs, and nothing is keyed by the name Config.
func TestSameNamedTypes(t *testing.T) {
	b := fixture(t)
	good := props(t, b, "any_change")
	other, err := schema.ForAction(b, schematest.Action(t, b, "deployment_size"))
	if err != nil {
		t.Fatal(err)
	}
	if _, ok := good["message"]; !ok {
		t.Errorf("good.Config lost its own field message: %v", good)
	}
	nested := good["other"].(map[string]any)
	root := decode(t, other)
	if nested["description"] != "Other is the same-named type from package other." ||
		root["description"] != "Config is other's Config: it sizes a deployment." {
		t.Errorf("descriptions mixed up: nested %q, root %q", nested["description"], root["description"])
	}
	delete(nested, "description")
	delete(root, "description")
	if diff := cmp.Diff(root, nested); diff != "" {
		t.Errorf("other.Config differs as a field and as params (-params +field):\n%s", diff)
	}
	for _, doc := range [][]byte{other, mustJSON(t, good)} {
		if bytes.Contains(doc, []byte(`"$ref"`)) || bytes.Contains(doc, []byte(`"$defs"`)) {
			t.Errorf("schema has a reference: %s", doc)
		}
	}
}

func props(t *testing.T, b *model.Bundle, action string) map[string]any {
	t.Helper()
	doc, err := schema.ForAction(b, schematest.Action(t, b, action))
	if err != nil {
		t.Fatal(err)
	}
	return decode(t, doc)["properties"].(map[string]any)
}

func decode(t *testing.T, doc []byte) map[string]any {
	t.Helper()
	var v map[string]any
	if err := json.Unmarshal(doc, &v); err != nil {
		t.Fatalf("%v: %s", err, doc)
	}
	return v
}

func mustJSON(t *testing.T, v any) []byte {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// TestConcurrent: one Generator serves every action from many goroutines
// (run with -race).
func TestConcurrent(t *testing.T) {
	b := fixture(t)
	g := schema.New(b)
	var wg sync.WaitGroup
	for range 4 {
		for _, a := range b.Actions {
			wg.Go(func() { _, _ = g.Action(a) })
		}
	}
	wg.Wait()
}
