package registry

import (
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

type Inner struct {
	Every time.Duration `json:"every"`
}

type params struct {
	Inner
	Timeout  time.Duration            `json:"timeout"`
	Optional *time.Duration           `json:"optional,omitempty"`
	List     []time.Duration          `json:"list,omitempty"`
	ByName   map[string]time.Duration `json:"by_name,omitempty"`
	Name     string                   `json:"name"`
}

func TestDecodeDurations(t *testing.T) {
	var p params
	err := Decode([]byte(`{"every":"1m","timeout":"90s","optional":"1h","list":["1s","2s"],"by_name":{"a":"5ms"},"name":"x"}`), &p)
	if err != nil {
		t.Fatal(err)
	}
	hour := time.Hour
	want := params{Inner: Inner{Every: time.Minute}, Timeout: 90 * time.Second, Optional: &hour,
		List: []time.Duration{time.Second, 2 * time.Second}, ByName: map[string]time.Duration{"a": 5 * time.Millisecond}, Name: "x"}
	if diff := cmp.Diff(want, p); diff != "" {
		t.Errorf("decoded (-want +got):\n%s", diff)
	}
}

func TestDecodeErrors(t *testing.T) {
	for in, want := range map[string]string{
		`{"timeout":"soon"}`:  `timeout: time: invalid duration "soon"`,
		`{"list":["1s","x"]}`: `list[1]: time: invalid duration "x"`,
		`{"unknown":1}`:       `unknown field "unknown"`,
		`{"name":5}`:          `cannot unmarshal number`,
		`not json`:            `reading params`,
	} {
		var p params
		err := Decode([]byte(in), &p)
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("Decode(%s) = %v, want an error containing %q", in, err, want)
		}
	}
	var p params
	if err := Decode(nil, &p); err != nil {
		t.Errorf("empty params: %v", err)
	}
}
