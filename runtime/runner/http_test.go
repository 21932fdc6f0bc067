package runner_test

import (
	"encoding/json"
	"fmt"
	"net/http"
	"slices"
	"strings"
	"testing"

	"github.com/robusta-go/robusta/runtime/buildinfo"
	"github.com/robusta-go/robusta/runtime/kube/kubetest"
)

// /readyz is false until the informers have listed, which the test holds
// back by starting the runner behind a blocked proxy; /healthz is true all
// along; /metrics has the robusta_ series, counting a change end to end,
// and the build.
func TestEndpoints(t *testing.T) {
	env := kubetest.Start(t)
	c := env.Client
	namespace(t, c, "web")
	proxy := env.StartProxy(t)
	proxy.Block()
	p := start(t, spec{Kubeconfig: proxy.Kubeconfig(t, env), Playbooks: `customPlaybooks:
- name: Created
  triggers: [{on_pod_create: {}}]
  actions: [{create_finding: {title: "$name"}}]
`})

	// Once the runner's list request waits in the proxy, it cannot have
	// synced: not ready, yet alive.
	kubetest.Eventually(t, wait, "the runner to try to reach the API server", func() bool { return proxy.Held() > 0 })
	if code, body := p.get(t, "/readyz"); code != http.StatusServiceUnavailable {
		t.Errorf("/readyz before the informers synced: %d %q, want 503", code, body)
	}
	if code, body := p.get(t, "/healthz"); code != http.StatusOK {
		t.Errorf("/healthz: %d %q, want 200", code, body)
	}

	proxy.Unblock()
	kubetest.Eventually(t, wait, "/readyz to return 200 once synced", func() bool { return p.status(t, "/readyz") == http.StatusOK })

	// The build is in the "runner started" line too.
	info := buildinfo.Get()
	build, err := json.Marshal(info)
	if err != nil {
		t.Fatal(err)
	}
	if !p.Logs.Contains(`"build":` + string(build)) {
		t.Errorf("the \"runner started\" line has no \"build\":%s:\n%s", build, p.Logs)
	}

	createPod(t, c, "web", "web-1", nil)
	p.Findings.WaitN(t, 1)
	// Counters move after the sink has written: poll for them.
	want := []string{
		`robusta_events_received_total{kind="Pod",operation="create"} 1`,
		`robusta_events_received_total{kind="Pod",operation="update"} 0`,
		`robusta_playbook_runs_total{playbook="Created"} 1`,
		`robusta_action_duration_seconds_count{action="create_finding"} 1`,
		`robusta_findings_written_total{sink="main"} 1`,
		`robusta_queue_depth 0`,
		fmt.Sprintf(`robusta_build_info{goversion=%q,revision=%q,version=%q} 1`, info.GoVersion, info.Revision, info.Version),
	}
	var metrics []string
	defer func() { // runs on t.Fatal too
		if t.Failed() {
			t.Logf("last /metrics:\n%s", strings.Join(metrics, "\n"))
		}
	}()
	kubetest.Eventually(t, wait, "the metrics to count the change", func() bool {
		code, body := p.get(t, "/metrics")
		metrics = strings.Split(body, "\n")
		return code == http.StatusOK && !slices.ContainsFunc(want, func(w string) bool { return !slices.Contains(metrics, w) })
	})
	for _, family := range []string{"robusta_build_info", "robusta_events_received_total", "robusta_playbook_runs_total", "robusta_action_duration_seconds", "robusta_findings_written_total", "robusta_queue_depth"} {
		if !slices.ContainsFunc(metrics, func(l string) bool { return strings.HasPrefix(l, "# TYPE "+family+" ") }) {
			t.Errorf("/metrics has no %s family", family)
		}
	}
}
