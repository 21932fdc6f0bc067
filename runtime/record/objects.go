package record

import (
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"fmt"

	"k8s.io/apimachinery/pkg/apis/meta/v1/unstructured"
	"k8s.io/apimachinery/pkg/runtime"
	"k8s.io/apimachinery/pkg/runtime/schema"
	"k8s.io/client-go/kubernetes/scheme"

	"github.com/robusta-go/robusta/runtime/api"
)

// Redactor writes objects as the recording holds them. Its key makes the
// Secret markers: equal values under one Redactor get equal markers.
type Redactor struct{ key []byte }

// NewRedactor draws a fresh key.
func NewRedactor() *Redactor {
	k := make([]byte, 32)
	_, _ = rand.Read(k) // crypto/rand.Read never fails (Go 1.24+)
	return &Redactor{key: k}
}

// EncodeObject returns obj as JSON, with apiVersion and kind (typed
// objects from informers have an empty TypeMeta), sanitized by
// api.Sanitize and with Secret values replaced by distinct markers. A nil
// obj is nil.
func (r *Redactor) EncodeObject(obj api.Object) (json.RawMessage, error) {
	if obj == nil {
		return nil, nil
	}
	m := api.Sanitize(obj)
	if m == nil {
		return nil, nil
	}
	if _, isU := obj.(*unstructured.Unstructured); !isU {
		gvks, _, err := scheme.Scheme.ObjectKinds(obj)
		if err != nil || len(gvks) == 0 {
			return nil, fmt.Errorf("recording %T %s: no kind known: %v", obj, obj.GetName(), err)
		}
		m["apiVersion"], m["kind"] = gvks[0].GroupVersion().String(), gvks[0].Kind
	}
	if api.KindOf(obj) == "Secret" {
		if err := r.markSecret(obj, m); err != nil {
			return nil, err
		}
	}
	return json.Marshal(m)
}

// markSecret replaces Sanitize's one marker by a marker per value. data
// values stay base64, so that the Secret still reads into corev1.Secret.
func (r *Redactor) markSecret(obj api.Object, m map[string]any) error {
	var orig map[string]any
	if u, ok := obj.(*unstructured.Unstructured); ok {
		orig = u.Object
	} else {
		var err error
		if orig, err = runtime.DefaultUnstructuredConverter.ToUnstructured(obj); err != nil {
			return fmt.Errorf("recording Secret %s: %w", obj.GetName(), err)
		}
	}
	for _, field := range []string{"data", "stringData"} {
		vals, _ := m[field].(map[string]any)
		src, _ := orig[field].(map[string]any)
		for k := range vals {
			marker := r.marker(fmt.Sprint(src[k]))
			if field == "data" {
				marker = base64.StdEncoding.EncodeToString([]byte(marker))
			}
			vals[k] = marker
		}
		if _, isMap := m[field].(map[string]any); !isMap && m[field] != nil {
			m[field] = api.Redacted // not a map: Sanitize's marker stays
		}
	}
	return nil
}

func (r *Redactor) marker(v string) string {
	h := hmac.New(sha256.New, r.key)
	h.Write([]byte(v))
	return api.Redacted + " " + hex.EncodeToString(h.Sum(nil)[:8])
}

// DecodeObject reads an object written by EncodeObject into its typed Go
// value (*corev1.Pod, ...), or an *unstructured.Unstructured for a kind
// client-go does not know.
func DecodeObject(raw json.RawMessage) (api.Object, error) {
	if len(raw) == 0 || string(raw) == "null" {
		return nil, nil
	}
	obj, _, err := scheme.Codecs.UniversalDeserializer().Decode(raw, nil, nil)
	if runtime.IsNotRegisteredError(err) {
		u := &unstructured.Unstructured{}
		if err := u.UnmarshalJSON(raw); err != nil {
			return nil, fmt.Errorf("reading object: %w", err)
		}
		return u, nil
	}
	if err != nil {
		return nil, fmt.Errorf("reading object: %w", err)
	}
	o, ok := obj.(api.Object)
	if !ok {
		return nil, fmt.Errorf("reading object: %T has no metadata", obj)
	}
	// As the informers deliver it: a typed object without TypeMeta, so
	// that finding content built from it is byte for byte the live one.
	o.GetObjectKind().SetGroupVersionKind(schema.GroupVersionKind{})
	return o, nil
}
