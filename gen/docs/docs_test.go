package docs_test

import (
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"

	"github.com/google/go-cmp/cmp"
	santhosh "github.com/santhosh-tekuri/jsonschema/v6"
	"gopkg.in/yaml.v3"

	"github.com/robusta-go/robusta/gen/docs"
	"github.com/robusta-go/robusta/gen/model"
	"github.com/robusta-go/robusta/gen/schema/schematest"
	"github.com/robusta-go/robusta/gen/values"
	rtschema "github.com/robusta-go/robusta/runtime/schema"
)

var update = flag.Bool("update", false, "rewrite testdata/ACTIONS.md")

// fixture loads the whole fixture module once per test binary.
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

// TestActions compares ACTIONS.md of the fixture with the golden file, and
// checks that a second run writes the same bytes.
func TestActions(t *testing.T) {
	b := schematest.Without(fixture(t), "broken")
	got, err := docs.Actions(b)
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join("testdata", "ACTIONS.md")
	if *update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (go test -update creates it)", err)
	}
	if diff := cmp.Diff(string(want), string(got)); diff != "" {
		t.Errorf("-want +got (go test -update rewrites it):\n%s", diff)
	}
	again, err := docs.Actions(b)
	if err != nil || !bytes.Equal(got, again) {
		t.Errorf("a second run differs (err %v)", err)
	}

	// Every example is a valid values file for the bundle.
	doc, err := values.Schema(b)
	if err != nil {
		t.Fatal(err)
	}
	v, err := rtschema.Compile("values.schema.json", doc)
	if err != nil {
		t.Fatal(err)
	}
	examples := regexp.MustCompile("(?s)## (\\w+)\n.*?```yaml\n(.*?)```").FindAllSubmatch(got, -1)
	if len(examples) != len(b.Actions) {
		t.Fatalf("%d examples for %d actions", len(examples), len(b.Actions))
	}
	for _, m := range examples {
		if err := validate(v, m[2]); err != nil {
			t.Errorf("example of %s is not valid:\n%s\n%v", m[1], m[2], err)
		}
	}
}

func TestErrors(t *testing.T) {
	b := fixture(t)
	_, err := docs.Actions(b)
	if err == nil || !strings.Contains(err.Error(), "unsupported type chan int in field Ch of params Params") {
		t.Errorf("want the params errors, got %v", err)
	}
}

func validate(v *santhosh.Schema, doc []byte) error {
	var y any
	if err := yaml.Unmarshal(doc, &y); err != nil {
		return err
	}
	raw, err := json.Marshal(y)
	if err != nil {
		return err
	}
	inst, err := santhosh.UnmarshalJSON(bytes.NewReader(raw))
	if err != nil {
		return err
	}
	return v.Validate(inst)
}
