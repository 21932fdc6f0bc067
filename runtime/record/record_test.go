package record_test

import (
	"bytes"
	"context"
	"encoding/base64"
	"io"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	corev1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"

	"github.com/robusta-go/robusta/runtime/api"
	"github.com/robusta-go/robusta/runtime/config"
	"github.com/robusta-go/robusta/runtime/engine"
	"github.com/robusta-go/robusta/runtime/record"
	"github.com/robusta-go/robusta/runtime/registry"
)

func secret(password, token string) *corev1.Secret {
	return &corev1.Secret{
		ObjectMeta: metav1.ObjectMeta{Name: "db", Namespace: "prod", ResourceVersion: "7", Annotations: map[string]string{
			api.LastAppliedAnnotation: `{"data":{"password":"` + base64.StdEncoding.EncodeToString([]byte(password)) + `"}}`, "team": "a"}},
		Data:       map[string][]byte{"password": []byte(password), "token": []byte(token)},
		StringData: map[string]string{"plain": password},
	}
}

// A Secret change goes through the intake to a real engine pool; the file
// holds its keys but no value, in clear or base64, not even in the
// last-applied annotation, and still reads back as a typed Secret whose
// changed value differs and unchanged one does not.
func TestIntakeRecordsSecretWithoutValues(t *testing.T) {
	set, _ := registry.NewSet()
	cfg, err := config.Load("values.yaml", []byte("{}\n"), set)
	if err != nil {
		t.Fatal(err)
	}
	eng, err := engine.New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	pool := eng.Start(t.Context())
	file := filepath.Join(t.TempDir(), "rec.jsonl")
	w, err := record.Create(file, nil)
	if err != nil {
		t.Fatal(err)
	}
	in := &record.Intake{Pool: pool, W: w}
	old, obj := secret("hunter2-old", "tok-same"), secret("hunter2-new", "tok-same")
	if err := in.SubmitChange(t.Context(), engine.Change{Kind: "Secret", Operation: api.OperationUpdate, Obj: obj, Old: old}); err != nil {
		t.Fatal(err)
	}
	if err := pool.Stop(t.Context()); err != nil {
		t.Fatal(err)
	}
	if err := w.Close(t.Context()); err != nil {
		t.Fatal(err)
	}
	data, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	for _, v := range []string{"hunter2", "tok-same"} {
		for _, form := range []string{v, base64.StdEncoding.EncodeToString([]byte(v + "-new")), base64.StdEncoding.EncodeToString([]byte(v))} {
			if bytes.Contains(data, []byte(form)) {
				t.Errorf("the recording holds %q:\n%s", form, data)
			}
		}
	}
	if bytes.Contains(data, []byte("last-applied")) || !bytes.Contains(data, []byte(`"password"`)) {
		t.Errorf("want the keys kept and last-applied dropped:\n%s", data)
	}
	recs, err := record.ReadFile(file)
	if err != nil || len(recs) != 1 || recs[0].Change == nil {
		t.Fatalf("ReadFile: %v, %d records", err, len(recs))
	}
	o1, err1 := record.DecodeObject(recs[0].Change.Obj)
	o2, err2 := record.DecodeObject(recs[0].Change.Old)
	if err1 != nil || err2 != nil {
		t.Fatal(err1, err2)
	}
	n, o := o1.(*corev1.Secret), o2.(*corev1.Secret)
	if bytes.Equal(n.Data["password"], o.Data["password"]) || !bytes.Equal(n.Data["token"], o.Data["token"]) {
		t.Errorf("markers: changed password %q vs %q, same token %q vs %q", n.Data["password"], o.Data["password"], n.Data["token"], o.Data["token"])
	}
	if !strings.HasPrefix(string(n.Data["password"]), api.Redacted) || n.Annotations["team"] != "a" || n.TypeMeta.Kind != "" {
		t.Errorf("decoded secret: %+v", n)
	}
}

func TestReaderErrors(t *testing.T) {
	ok := `{"v":1,"type":"schedule","time":"2026-01-02T03:04:05Z","schedule":{"index":0,"recurrence":2}}`
	in := strings.Join([]string{
		ok,
		`{"v":1,"type":"schedule",`,
		`{"v":1,"type":"schedule","time":"2026-01-02T03:04:05Z","schedule":{"index":"x","recurrence":2}}`,
		`{"v":2,"type":"schedule","time":"2026-01-02T03:04:05Z","schedule":{"index":0,"recurrence":2}}`,
		`{"v":1,"type":"alarm","time":"2026-01-02T03:04:05Z"}`,
		`{"v":1,"type":"alert","time":"2026-01-02T03:04:05Z","schedule":{"index":0,"recurrence":2}}`,
		``,
		`{"v":1,"type":"change","time":"2026-01-02T03:04:05Z","change":{"kind":"Pod","operation":"patch"}}`,
		`{"v":1,"type":"schedule","time":"2026-01-02T03:04:05Z","schedule":{"index":0},"extra":1}`,
		ok,
	}, "\n")
	recs, err := record.Parse("rec.jsonl", strings.NewReader(in))
	want := []string{
		`rec.jsonl:2:26: the line ends inside the record`,
		`rec.jsonl:3:78: cannot unmarshal string into Go struct field Schedule.schedule.index of type int`,
		`rec.jsonl:4:1: version 2, want 1 (v)`,
		`rec.jsonl:5:1: unknown type "alarm": want one of change, alert, schedule, manual, read, logs, exec, gap`,
		`rec.jsonl:6:1: a alert record has a "schedule" payload`,
		`rec.jsonl:8:1: change operation "patch": want create, update or delete`,
		`rec.jsonl:9:1: unknown field "extra"`,
	}
	if err == nil {
		t.Fatal("no error")
	}
	if got := strings.Split(err.Error(), "\n"); strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("errors:\n%s\nwant:\n%s", err, strings.Join(want, "\n"))
	}
	if len(recs) != 2 {
		t.Errorf("%d good records, want 2", len(recs))
	}
}

// A disk that does not keep up costs records, never the caller's time:
// Write returns while the file blocks, and the drops are counted in a gap
// record, so that records written plus dropped is all of them.
func TestWriterDropsWhenTheDiskIsSlow(t *testing.T) {
	pr, pw := io.Pipe()
	w := record.NewWriter(pw, 400, nil)
	const n = 20
	for i := range n {
		w.Write(record.Record{Type: record.TypeSchedule, Schedule: &record.Schedule{Index: i}})
	}
	if w.Dropped() == 0 {
		t.Fatalf("nothing dropped with a blocked disk and room for a few records")
	}
	var out bytes.Buffer
	var wg sync.WaitGroup
	wg.Go(func() { _, _ = io.Copy(&out, pr) })
	if err := w.Close(context.Background()); err != nil {
		t.Fatal(err)
	}
	wg.Wait()
	recs, err := record.Parse("rec", &out)
	if err != nil {
		t.Fatal(err)
	}
	var written, dropped int64
	for _, r := range recs {
		switch r.Type {
		case record.TypeGap:
			dropped += r.Gap.Dropped
		default:
			written++
		}
	}
	if written+dropped != n || dropped != w.Dropped() {
		t.Errorf("%d written + %d in gaps, want %d (Dropped %d)", written, dropped, n, w.Dropped())
	}
}
