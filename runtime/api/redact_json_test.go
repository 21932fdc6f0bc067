package api_test

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	corev1 "k8s.io/api/core/v1"
	"k8s.io/apimachinery/pkg/apis/meta/v1/unstructured"

	"github.com/robusta-go/robusta/runtime/api"
)

// An action showing objects as JSON, however it holds them, shows them
// sanitized.
func TestJSONBlockSanitizesObjects(t *testing.T) {
	data := map[string]string{"password": "hunter2"}
	typed := typedSecret(data, nil)
	u := unstructuredSecret(data, nil)
	ulist := &unstructured.UnstructuredList{Object: map[string]any{"apiVersion": "v1", "kind": "SecretList"}, Items: []unstructured.Unstructured{*u}}
	listInOne := &unstructured.Unstructured{Object: map[string]any{"apiVersion": "v1", "kind": "SecretList", "items": []any{u.DeepCopy().Object}}}
	for name, v := range map[string]any{
		"typed":             typed,
		"typed by value":    *typed,
		"unstructured":      u,
		"typed list":        &corev1.SecretList{Items: []corev1.Secret{*typed}},
		"unstructured list": ulist,
		"list in one":       listInOne,
		"slice":             []*corev1.Secret{typed},
		"slice of values":   []corev1.Secret{*typed},
		"any slice":         []any{"x", typed},
		"map":               map[string]any{"secret": typed, "none": nil},
		"nested":            map[string][]api.Object{"all": {typed, u}},
	} {
		t.Run(name, func(t *testing.T) {
			b := api.JSONBlock(v)
			noSecrets(t, "JSON block", b.Data)
			if !strings.Contains(string(b.Data), `"password":"`+api.Redacted+`"`) {
				t.Errorf("JSON block %s shows no redacted password key", b.Data)
			}
		})
	}
	if s := string(api.JSONBlock((*corev1.Secret)(nil)).Data); s != "null" {
		t.Errorf("a nil secret is %s, want null", s)
	}
}

// Values that hold no object are marshalled as they are.
func TestJSONBlockKeepsOtherValues(t *testing.T) {
	type row struct{ A string }
	for _, v := range []any{
		map[string]int{"n": 1},
		map[string]any{"k": nil, "l": []any{1, "two", nil}, "b": []byte("hunter")},
		[]row{{"a"}},
		[][]byte{[]byte("x")},
		"text",
	} {
		want, err := json.Marshal(v)
		if err != nil {
			t.Fatal(err)
		}
		if got := api.JSONBlock(v).Data; !cmp.Equal(json.RawMessage(want), got) {
			t.Errorf("JSONBlock(%#v) = %s, want %s", v, got, want)
		}
	}
}
