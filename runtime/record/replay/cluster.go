package replay

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"sync"

	apierrors "k8s.io/apimachinery/pkg/api/errors"
	"k8s.io/apimachinery/pkg/api/meta"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/runtime"
	"k8s.io/apimachinery/pkg/runtime/schema"
	"k8s.io/client-go/kubernetes"
	"k8s.io/client-go/kubernetes/fake"
	"k8s.io/client-go/kubernetes/scheme"
	k8stesting "k8s.io/client-go/testing"

	"github.com/robusta-go/robusta/runtime/api"
	"github.com/robusta-go/robusta/runtime/record"
)

// Cluster is the api.Cluster of a replay.
type Cluster struct {
	client *fake.Clientset

	mu     sync.Mutex
	reads  map[string][]*record.Read
	logs   map[string][]*record.Logs
	execs  map[string][]*record.Exec
	writes []string
}

var _ api.Cluster = (*Cluster)(nil)

// newCluster holds the answers of recs.
func newCluster(recs []record.Record) *Cluster {
	// NewSimpleClientset, not NewClientset: the latter's tracker adds
	// managedFields to what it stores, which the live objects (stripped
	// by the informers) do not have.
	c := &Cluster{client: fake.NewSimpleClientset(), reads: map[string][]*record.Read{}, logs: map[string][]*record.Logs{}, execs: map[string][]*record.Exec{}} //nolint:staticcheck // see above
	for _, r := range recs {
		switch {
		case r.Read != nil:
			c.reads[r.Read.Key] = append(c.reads[r.Read.Key], r.Read)
		case r.Logs != nil:
			k := logKey(r.Logs.Namespace, r.Logs.Pod, api.LogOptions{Container: r.Logs.Container, Previous: r.Logs.Previous, TailLines: r.Logs.TailLines})
			c.logs[k] = append(c.logs[k], r.Logs)
		case r.Exec != nil:
			k := execKey(r.Exec.Namespace, r.Exec.Pod, r.Exec.Container, r.Exec.Command)
			c.execs[k] = append(c.execs[k], r.Exec)
		}
	}
	for _, verb := range []string{"create", "update", "patch", "delete", "delete-collection"} {
		c.client.PrependReactor(verb, "*", c.refuse)
	}
	c.client.PrependReactor("get", "*", c.read)
	c.client.PrependReactor("list", "*", c.read)
	return c
}

// Kubernetes implements api.Cluster.
func (c *Cluster) Kubernetes() kubernetes.Interface { return c.client }

// Writes lists the writes the actions tried, each refused.
func (c *Cluster) Writes() []string {
	c.mu.Lock()
	defer c.mu.Unlock()
	return append([]string(nil), c.writes...)
}

func (c *Cluster) refuse(a k8stesting.Action) (bool, runtime.Object, error) {
	what := fmt.Sprintf("%s %s", a.GetVerb(), a.GetResource().Resource)
	if s := a.GetSubresource(); s != "" {
		what += "/" + s
	}
	if ns := a.GetNamespace(); ns != "" {
		what += " in " + ns
	}
	if n, ok := a.(interface{ GetName() string }); ok && n.GetName() != "" {
		what += " " + n.GetName()
	}
	c.mu.Lock()
	c.writes = append(c.writes, what)
	c.mu.Unlock()
	return true, nil, apierrors.NewForbidden(a.GetResource().GroupResource(), "", fmt.Errorf("a replay refuses writes (%s)", what))
}

// read answers a get or list with the recorded answer, if any.
func (c *Cluster) read(a k8stesting.Action) (bool, runtime.Object, error) {
	var key string
	switch x := a.(type) {
	case k8stesting.GetAction:
		key = record.ReadKey(x.GetResource(), x.GetSubresource(), x.GetNamespace(), x.GetName(), nil, nil)
	case k8stesting.ListAction:
		r := x.GetListRestrictions()
		key = record.ReadKey(x.GetResource(), x.GetSubresource(), x.GetNamespace(), "", r.Labels, r.Fields)
	default:
		return false, nil, nil
	}
	ans := next(&c.mu, c.reads, key)
	if ans == nil {
		return false, nil, nil // the tracker answers
	}
	if ans.Status/100 != 2 {
		st := metav1.Status{}
		if err := runtime.DecodeInto(scheme.Codecs.UniversalDecoder(), ans.Body, &st); err != nil || st.Code == 0 {
			st = metav1.Status{Status: metav1.StatusFailure, Code: int32(ans.Status), Message: strings.TrimSpace(string(ans.Body))}
		}
		return true, nil, &apierrors.StatusError{ErrStatus: st}
	}
	obj, _, err := scheme.Codecs.UniversalDeserializer().Decode(ans.Body, nil, nil)
	if err != nil {
		return true, nil, fmt.Errorf("replay: reading the recorded answer to %q: %w", key, err)
	}
	obj.GetObjectKind().SetGroupVersionKind(schema.GroupVersionKind{})
	return true, obj, nil
}

// seed puts obj in the tracker, replacing what it had; gone removes it.
func (c *Cluster) seed(obj api.Object, gone bool) {
	if obj == nil {
		return
	}
	gvks, _, err := scheme.Scheme.ObjectKinds(obj)
	if err != nil || len(gvks) == 0 {
		return // a kind client-go does not know: reads of it find nothing
	}
	gvr, _ := meta.UnsafeGuessKindToResource(gvks[0])
	t := c.client.Tracker()
	if gone {
		_ = t.Delete(gvr, obj.GetNamespace(), obj.GetName())
		return
	}
	if err := t.Add(obj.DeepCopyObject()); apierrors.IsAlreadyExists(err) {
		_ = t.Update(gvr, obj.DeepCopyObject(), obj.GetNamespace())
	}
}

func logKey(ns, pod string, o api.LogOptions) string {
	return fmt.Sprintf("%s/%s container=%q previous=%v tail=%d", ns, pod, o.Container, o.Previous, o.TailLines)
}

func execKey(ns, pod, container string, cmd []string) string {
	return fmt.Sprintf("%s/%s container=%q %q", ns, pod, container, cmd)
}

// Logs implements api.Cluster with the recorded answer.
func (c *Cluster) Logs(_ context.Context, namespace, pod string, opts api.LogOptions) (string, error) {
	k := logKey(namespace, pod, opts)
	ans := next(&c.mu, c.logs, k)
	if ans == nil {
		return "", fmt.Errorf("replay: the recording has no log of pod %s", k)
	}
	return answer(ans.Output, ans.Error)
}

// Exec implements api.Cluster with the recorded answer.
func (c *Cluster) Exec(_ context.Context, namespace, pod string, opts api.ExecOptions) (string, error) {
	k := execKey(namespace, pod, opts.Container, opts.Command)
	ans := next(&c.mu, c.execs, k)
	if ans == nil {
		return "", fmt.Errorf("replay: the recording has no answer of pod %s", k)
	}
	return answer(ans.Output, ans.Error)
}

// next returns the answer recorded next for k, nil when there is none. The
// last answer stays to serve every later call, as a repeated live call
// would most likely have got the same.
func next[T any](mu *sync.Mutex, answers map[string][]*T, k string) *T {
	mu.Lock()
	defer mu.Unlock()
	q := answers[k]
	if len(q) == 0 {
		return nil
	}
	if len(q) > 1 {
		answers[k] = q[1:]
	}
	return q[0]
}

// answer is a recorded output with its error, as the live call returned it.
func answer(out, errMsg string) (string, error) {
	if errMsg != "" {
		return out, errors.New(errMsg)
	}
	return out, nil
}
