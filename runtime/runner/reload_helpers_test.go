package runner_test

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/robusta-go/robusta/runtime/api"
	"github.com/robusta-go/robusta/runtime/kube/kubetest"
	"github.com/robusta-go/robusta/runtime/registry"
	"github.com/robusta-go/robusta/runtime/trigger"
)

// mountConfigMap lays content out in dir as the kubelet mounts a
// ConfigMap key: values.yaml -> ..data/values.yaml, ..data -> ..v0. It
// returns the path of values.yaml.
func mountConfigMap(t *testing.T, dir string, content []byte) string {
	t.Helper()
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	writeVersion(t, dir, "..v0", content)
	if err := os.Symlink("..v0", filepath.Join(dir, "..data")); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(dir, "values.yaml")
	if err := os.Symlink(filepath.Join("..data", "values.yaml"), path); err != nil {
		t.Fatal(err)
	}
	return path
}

func writeVersion(t *testing.T, dir, version string, content []byte) {
	t.Helper()
	if err := os.Mkdir(filepath.Join(dir, version), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, version, "values.yaml"), content, 0o644); err != nil {
		t.Fatal(err)
	}
}

// swapConfigMap updates the mount as the kubelet's AtomicWriter does: the
// new content in a new directory, a temporary symlink to it renamed onto
// ..data (the one atomic step), then the old directory removed.
func (p *proc) swapConfigMap(t *testing.T, playbooks string) {
	t.Helper()
	dir := filepath.Dir(p.Config)
	old, err := os.Readlink(filepath.Join(dir, "..data"))
	if err != nil {
		t.Fatal(err)
	}
	p.swaps++
	version := fmt.Sprintf("..v%d", p.swaps)
	writeVersion(t, dir, version, []byte(fmt.Sprintf(values, p.Findings)+playbooks))
	tmp := filepath.Join(dir, "..data_tmp")
	if err := os.Symlink(version, tmp); err != nil {
		t.Fatal(err)
	}
	if err := os.Rename(tmp, filepath.Join(dir, "..data")); err != nil {
		t.Fatal(err)
	}
	if err := os.RemoveAll(filepath.Join(dir, old)); err != nil {
		t.Fatal(err)
	}
}

// waitMetric waits until /metrics has line (a series and its value).
func (p *proc) waitMetric(t *testing.T, line string) {
	t.Helper()
	kubetest.Eventually(t, wait, line, func() bool {
		_, m := p.get(t, "/metrics")
		return slices.Contains(strings.Split(m, "\n"), line)
	})
}

const (
	reloadsOK     = `robusta_config_reloads_total{result="success"} %d`
	reloadsFailed = `robusta_config_reloads_total{result="failure"} %d`
)

// marks records every run of the "mark" action on a pod change: the tag
// its params give it (which config ran it), per pod and resourceVersion.
type marks struct {
	mu   sync.Mutex
	runs map[string][]string // "name@rv" -> the tags of the runs
}

func (m *marks) add(key, tag string) {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.runs[key] = append(m.runs[key], tag)
}

func (m *marks) of(key string) []string {
	m.mu.Lock()
	defer m.mu.Unlock()
	return slices.Clone(m.runs[key])
}

// pkg is "mark", with params {tag}, for any trigger.
func (m *marks) pkg() registry.Package {
	var all []string
	for _, s := range trigger.Specs() {
		all = append(all, s.Name)
	}
	slices.Sort(all)
	return registry.Package{Path: "example.com/mark", Actions: []registry.Action{{
		Name: "mark", Func: "mark.Mark", Event: "api.ExecutionEvent", Triggers: all,
		Schema:  `{"type":"object","additionalProperties":false,"properties":{"tag":{"type":"string"}}}`,
		Accepts: func(api.ExecutionEvent) bool { return true },
		Bind: func(params []byte) (registry.Func, error) {
			var p struct{ Tag string }
			if err := json.Unmarshal(params, &p); err != nil {
				return nil, err
			}
			return func(_ context.Context, ev api.ExecutionEvent) error {
				if pc, ok := ev.(*api.PodChangeEvent); ok {
					m.add(pc.Obj.Name+"@"+pc.Obj.ResourceVersion, p.Tag)
				}
				return nil
			}, nil
		},
	}}}
}
