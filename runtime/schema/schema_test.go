package schema_test

import (
	"bytes"
	"reflect"
	"slices"
	"testing"
	"time"

	"github.com/robusta-go/robusta/runtime/schema"
	"github.com/robusta-go/robusta/runtime/scope"
	"github.com/robusta-go/robusta/runtime/sink/file"
)

type Params struct { // same name as file.Params and scope.Params
	Every time.Duration `json:"every"`
	Scope *scope.Params `json:"scope,omitempty"`
}

func TestReflectKeepsSameNamedTypesApart(t *testing.T) {
	s := schema.Reflect(reflect.TypeFor[file.Params]())
	var keys []string
	for p := s.Properties.Oldest(); p != nil; p = p.Next() {
		keys = append(keys, p.Key)
	}
	slices.Sort(keys)
	if want := []string{"activity", "default", "file_name", "grouping", "match", "mute_intervals", "name", "prefer_redirect_to_platform", "scope", "send_svg", "stop"}; !slices.Equal(keys, want) {
		t.Errorf("file_sink properties = %v, want %v", keys, want)
	}
}

func TestValidation(t *testing.T) {
	sch, err := schema.CompileType("mem://params", reflect.TypeFor[Params]())
	if err != nil {
		t.Fatal(err)
	}
	for doc, ok := range map[string]bool{
		`{"every":"90s"}`: true,
		`{"every":"1h30m","scope":{"include":[{"name":"a"}]}}`: true,
		`{"every":"0"}`:            true,
		`{"every":90}`:             false, // a duration is a string
		`{"every":"soon"}`:         false,
		`{}`:                       false, // every is required
		`{"every":"1s","other":1}`: false,
		`{"every":"1s","scope":{"include":[{"name":["a","b"]}]}}`: true,
	} {
		v, err := unmarshal(doc)
		if err != nil {
			t.Fatal(err)
		}
		if err := sch.Validate(v); (err == nil) != ok {
			t.Errorf("%s: valid = %v, want %v (%v)", doc, err == nil, ok, err)
		}
	}
}

func TestMarshalIsStable(t *testing.T) {
	a, err := schema.Marshal(schema.Reflect(reflect.TypeFor[file.Params]()))
	if err != nil {
		t.Fatal(err)
	}
	b, _ := schema.Marshal(schema.Reflect(reflect.TypeFor[file.Params]()))
	if !bytes.Equal(a, b) {
		t.Error("two marshals of one schema differ")
	}
}
