package record

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"
	"time"

	"k8s.io/apimachinery/pkg/apis/meta/v1/unstructured"
	"k8s.io/apimachinery/pkg/fields"
	"k8s.io/apimachinery/pkg/labels"
	"k8s.io/apimachinery/pkg/runtime/schema"
)

// ReadKey names a get (name set) or list in the recording; the replay's
// fake client computes the same key from its action. Selectors are in
// their canonical form, so that the two sides agree however they were
// written; nil is no selector.
func ReadKey(gvr schema.GroupVersionResource, subresource, namespace, name string, label labels.Selector, field fields.Selector) string {
	verb := "list"
	if name != "" {
		verb = "get"
	}
	res := gvr.Resource
	if subresource != "" {
		res += "/" + subresource
	}
	k := fmt.Sprintf("%s %s %s", verb, gvr.GroupVersion(), res)
	var ls, fs string
	if label != nil {
		ls = label.String()
	}
	if field != nil {
		fs = field.String()
	}
	for _, kv := range [][2]string{{"ns", namespace}, {"name", name}, {"label", ls}, {"field", fs}} {
		if kv[1] != "" {
			k += " " + kv[0] + "=" + kv[1]
		}
	}
	return k
}

// readRecorder records the answers to GET requests other than watches.
type readRecorder struct {
	next http.RoundTripper
	w    *Writer
}

func (rr *readRecorder) RoundTrip(req *http.Request) (*http.Response, error) {
	key, ok := keyOf(req)
	now := time.Now().UTC()
	resp, err := rr.next.RoundTrip(req)
	if !ok || err != nil || !strings.Contains(resp.Header.Get("Content-Type"), "json") {
		return resp, err
	}
	// The action reads the body anyway; it is read here first, whole, so
	// that it can be both recorded and returned.
	body, err := io.ReadAll(resp.Body)
	resp.Body.Close()
	resp.Body = io.NopCloser(bytes.NewReader(body))
	if err != nil {
		return resp, nil // the action sees the short body and its own error
	}
	rec := &Read{Key: key, Status: resp.StatusCode, Body: body}
	if resp.StatusCode/100 == 2 {
		if rec.Body, err = rr.w.red.redactBody(body); err != nil {
			rr.w.drop()
			return resp, nil
		}
	}
	rr.w.Write(Record{Type: TypeRead, Time: now, Read: rec})
	return resp, nil
}

// keyOf is the ReadKey of a GET of the typed client.
func keyOf(req *http.Request) (string, bool) {
	q := req.URL.Query()
	if req.Method != http.MethodGet || q.Get("watch") == "true" || q.Get("watch") == "1" {
		return "", false
	}
	parts := strings.Split(strings.Trim(req.URL.Path, "/"), "/")
	var gv schema.GroupVersion
	switch {
	case len(parts) >= 3 && parts[0] == "api":
		gv, parts = schema.GroupVersion{Version: parts[1]}, parts[2:]
	case len(parts) >= 4 && parts[0] == "apis":
		gv, parts = schema.GroupVersion{Group: parts[1], Version: parts[2]}, parts[3:]
	default:
		return "", false
	}
	var ns string
	if len(parts) >= 3 && parts[0] == "namespaces" {
		ns, parts = parts[1], parts[2:]
	}
	var name, sub string
	switch len(parts) {
	case 1:
	case 2:
		name = parts[1]
	case 3:
		name, sub = parts[1], parts[2]
	default:
		return "", false
	}
	for _, p := range []*string{&ns, &name} {
		if u, err := url.PathUnescape(*p); err == nil {
			*p = u
		}
	}
	ls, err1 := labels.Parse(q.Get("labelSelector"))
	fs, err2 := fields.ParseSelector(q.Get("fieldSelector"))
	if err1 != nil || err2 != nil {
		return "", false
	}
	return ReadKey(gv.WithResource(parts[0]), sub, ns, name, ls, fs), true
}

// redactBody is an answer as the recording holds it: an object or each
// item of a list written by EncodeObject (items without apiVersion and
// kind, as the API server sends them).
func (r *Redactor) redactBody(body []byte) (json.RawMessage, error) {
	var m map[string]any
	if err := json.Unmarshal(body, &m); err != nil {
		return nil, fmt.Errorf("recording a read: %w", err)
	}
	items, isList := m["items"].([]any)
	if !isList {
		return r.EncodeObject(&unstructured.Unstructured{Object: m})
	}
	apiVersion, _ := m["apiVersion"].(string)
	kind, _ := m["kind"].(string)
	for i, it := range items {
		im, _ := it.(map[string]any)
		if im == nil {
			continue
		}
		im["apiVersion"], im["kind"] = apiVersion, strings.TrimSuffix(kind, "List")
		raw, err := r.EncodeObject(&unstructured.Unstructured{Object: im})
		if err != nil {
			return nil, err
		}
		var clean map[string]any
		if err := json.Unmarshal(raw, &clean); err != nil {
			return nil, err
		}
		delete(clean, "apiVersion")
		delete(clean, "kind")
		items[i] = clean
	}
	return json.Marshal(m)
}
