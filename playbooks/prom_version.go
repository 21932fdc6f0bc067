package playbooks

import (
	"cmp"
	"context"
	"fmt"
	"log/slog"
	"slices"
	"strings"
	"time"

	"github.com/robusta-go/robusta/runtime/api"
)

// VersionMismatchParams configures VersionMismatchEnricher.
type VersionMismatchParams struct {
	api.PrometheusParams
	// VersionMismatchQuery lists the build versions, one sample per
	// git_version (major.minor) and node; the API server's samples have
	// no node label. A parameter because the job label is not always
	// there.
	VersionMismatchQuery string `json:"version_mismatch_query,omitempty" jsonschema:"default=count by (git_version\\, node) (label_replace(kubernetes_build_info{job!~\"kube-dns|coredns\"}\\, \"git_version\"\\, \"$1\"\\, \"git_version\"\\, \"(v[0-9]*.[0-9]*).*\"))"`
}

// VersionMismatchEnricher explains a KubeVersionMismatch alert, as
// Robusta: the API server's version, the "*Node Versions*" table (each
// node's kubelet version) and how to solve it. With fewer than two
// samples, or none with a node label (some Prometheus setups drop it),
// it adds nothing and logs why.
//
//robusta:action
func VersionMismatchEnricher(ctx context.Context, event *api.PrometheusAlertEvent, params VersionMismatchParams) error {
	prom, err := api.PrometheusFor(event, params.PrometheusParams)
	if prom == nil || err != nil {
		return err
	}
	// Robusta's query raises on a Prometheus error, failing the action;
	// the error is returned here for the runner to log and count.
	samples, err := prom.Query(ctx, params.VersionMismatchQuery, time.Time{})
	if err != nil {
		return fmt.Errorf("querying Prometheus for the build versions: %w", err)
	}
	blocks, why := versionBlocks(samples)
	if blocks == nil {
		slog.Warn("version_mismatch_enricher: "+why, "alert", event.Alert.Name, "samples", len(samples))
		return nil
	}
	event.AddEnrichment(blocks...)
	return nil
}

// versionBlocks turns the build versions into Robusta's three blocks, or
// says why it cannot.
func versionBlocks(samples []api.Sample) (blocks []api.Block, why string) {
	if len(samples) < 2 {
		return nil, "fewer than two build versions, no mismatch to explain"
	}
	var apiVersions []string
	var rows [][]string
	for _, s := range samples {
		node, ok := s.Labels["node"]
		if !ok {
			if v := s.Labels["git_version"]; !slices.Contains(apiVersions, v) {
				apiVersions = append(apiVersions, v)
			}
			continue
		}
		rows = append(rows, []string{node, s.Labels["git_version"]})
	}
	if len(rows) == 0 {
		return nil, "Prometheus is missing the 'node' label, unable to detect node versions"
	}
	// Robusta keeps the versions in a set and the nodes in the query's
	// order; sorted here, so a repeated alert reads the same.
	slices.Sort(apiVersions)
	slices.SortFunc(rows, func(a, b []string) int { return cmp.Compare(a[0], b[0]) })
	server := "is version " + strings.Join(apiVersions, "")
	switch {
	case len(apiVersions) == 0:
		server = "version is unknown"
	case len(apiVersions) > 1:
		server = "has reported versions " + strings.Join(apiVersions, ", ")
	}
	table := api.TableBlock([]string{"name", "version"}, rows)
	table.Name = "*Node Versions*"
	return []api.Block{
		api.MarkdownBlock("The kubernetes api server " + server + "."),
		table,
		api.MarkdownBlock("To solve this alert, make sure to update all of your nodes and/or cluster to the latest version above."),
	}, ""
}
