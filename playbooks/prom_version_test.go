package playbooks_test

import (
	"errors"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/robusta-go/robusta/playbooks"
	"github.com/robusta-go/robusta/runtime/api"
	"github.com/robusta-go/robusta/runtime/api/apitest"
)

// Robusta's default version_mismatch_query.
const versionQuery = `count by (git_version, node) (label_replace(kubernetes_build_info{job!~"kube-dns|coredns"}, "git_version", "$1", "git_version", "(v[0-9]*.[0-9]*).*"))`

// buildInfo is one sample of the version query: the API server's has no node.
func buildInfo(version, node string) api.Sample {
	l := map[string]string{"git_version": version}
	if node != "" {
		l["node"] = node
	}
	return api.Sample{Labels: l, Value: 1}
}

func versionAlert(t *testing.T) *api.PrometheusAlertEvent {
	return apitest.Alert(t, nil, api.Alert{Name: "KubeVersionMismatch", Labels: map[string]string{"severity": "warning"}})
}

func TestVersionMismatchEnricher(t *testing.T) {
	ev := versionAlert(t)
	apitest.NewPrometheus().WithQuery(versionQuery, buildInfo("v1.31", ""), buildInfo("v1.31", "node-b"), buildInfo("v1.30", "node-a")).On(ev)
	res := apitest.Run(t, playbooks.Actions, "version_mismatch_enricher", "", ev, nil)
	table := api.TableBlock([]string{"name", "version"}, [][]string{{"node-a", "v1.30"}, {"node-b", "v1.31"}})
	table.Name = "*Node Versions*"
	want := []api.Block{
		api.MarkdownBlock("The kubernetes api server is version v1.31."),
		table,
		api.MarkdownBlock("To solve this alert, make sure to update all of your nodes and/or cluster to the latest version above."),
	}
	if res.Err != nil || !cmp.Equal(res.Blocks(), want) {
		t.Errorf("version_mismatch_enricher:\n%s", res)
	}
}

// The API server's line when its replicas disagree, or when its build
// info is not scraped.
func TestVersionMismatchAPIServerVersions(t *testing.T) {
	for want, samples := range map[string][]api.Sample{
		"The kubernetes api server has reported versions v1.30, v1.31.": {buildInfo("v1.31", ""), buildInfo("v1.30", ""), buildInfo("v1.31", "node-a")},
		"The kubernetes api server version is unknown.":                 {buildInfo("v1.31", "node-a"), buildInfo("v1.30", "node-b")},
	} {
		ev := versionAlert(t)
		apitest.NewPrometheus().WithQuery(versionQuery, samples...).On(ev)
		res := apitest.Run(t, playbooks.Actions, "version_mismatch_enricher", "", ev, nil)
		if b := res.Blocks(); res.Err != nil || len(b) != 3 || b[0] != api.MarkdownBlock(want) {
			t.Errorf("version_mismatch_enricher: want %q\n%s", want, res)
		}
	}
}

// Fewer than two samples, or none with a node label, cannot show a
// mismatch: nothing is added, as in Robusta.
func TestVersionMismatchUnusableResults(t *testing.T) {
	for name, samples := range map[string][]api.Sample{
		"one sample":    {buildInfo("v1.31", "node-a")},
		"no node label": {buildInfo("v1.31", ""), buildInfo("v1.30", "")},
	} {
		t.Run(name, func(t *testing.T) {
			ev := versionAlert(t)
			apitest.NewPrometheus().WithQuery(versionQuery, samples...).On(ev)
			res := apitest.Run(t, playbooks.Actions, "version_mismatch_enricher", "", ev, nil)
			if res.Err != nil || len(res.Findings) != 0 {
				t.Errorf("version_mismatch_enricher:\n%s", res)
			}
		})
	}
}

// version_mismatch_query replaces the default query (a Prometheus without
// the job label), and prometheus_url here overrides globalConfig's.
func TestVersionMismatchQueryParam(t *testing.T) {
	ev := versionAlert(t)
	q := `count by (git_version, node) (kubernetes_build_info)`
	prom := apitest.NewPrometheus().WithQuery(q, buildInfo("v1.31", ""), buildInfo("v1.30", "node-a"))
	prom.On(ev)
	res := apitest.Run(t, playbooks.Actions, "version_mismatch_enricher", `{version_mismatch_query: "`+q+`", prometheus_url: "http://thanos:9090"}`, ev, nil)
	if res.Err != nil || len(res.Blocks()) != 3 {
		t.Errorf("version_mismatch_enricher:\n%s", res)
	}
	if p := prom.Params(); len(p) != 1 || p[0].PrometheusURL != "http://thanos:9090" {
		t.Errorf("connected with %+v, want prometheus_url http://thanos:9090", p)
	}
}

func TestVersionMismatchPrometheus(t *testing.T) {
	t.Run("error", func(t *testing.T) {
		ev := versionAlert(t)
		boom := errors.New(`bad_data: invalid parameter "query"`)
		apitest.NewPrometheus().WithError(versionQuery, boom).On(ev)
		res := apitest.Run(t, playbooks.Actions, "version_mismatch_enricher", "", ev, nil)
		if !errors.Is(res.Err, boom) || len(res.Findings) != 0 {
			t.Errorf("version_mismatch_enricher: want the query's error\n%s", res)
		}
	})
	t.Run("not configured", func(t *testing.T) {
		res := apitest.Run(t, playbooks.Actions, "version_mismatch_enricher", "", versionAlert(t), nil)
		if res.Err != nil || !cmp.Equal(res.Blocks(), []api.Block{api.MarkdownBlock(api.PrometheusNotConfiguredText)}) {
			t.Errorf("version_mismatch_enricher without Prometheus:\n%s", res)
		}
	})
}
