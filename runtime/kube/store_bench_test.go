package kube

import (
	"fmt"
	"testing"

	"github.com/robusta-go/robusta/runtime/api"
)

// BenchmarkCompactStoreUpdate is the store's cost per watched update:
// strip, encode, compress, and decode the old state.
func BenchmarkCompactStoreUpdate(b *testing.B) {
	st := newCompactStore("Pod", newTestPod, func(api.Operation, api.Object, api.Object) {}, discard)
	var list []any
	for i := range 100 {
		list = append(list, storePod(fmt.Sprintf("web-%d", i), "1"))
	}
	if err := st.Replace(list, "1"); err != nil {
		b.Fatal(err)
	}
	pods := make([]any, 100)
	for i := range pods {
		pods[i] = storePod(fmt.Sprintf("web-%d", i), "")
	}
	b.ReportAllocs()
	for i := 0; b.Loop(); i++ {
		p := storePod(fmt.Sprintf("web-%d", i%100), fmt.Sprint(i+2))
		if err := st.Update(p); err != nil {
			b.Fatal(err)
		}
	}
}
