package runner

import (
	"encoding/json"
	"fmt"
	"io"

	"github.com/prometheus/client_golang/prometheus"

	"github.com/robusta-go/robusta/runtime/buildinfo"
	"github.com/robusta-go/robusta/runtime/registry"
)

// versionLine is what --version prints. Every key is always there (empty
// rather than left out, unlike buildinfo.Info's JSON), so that a script or
// a test can rely on the shape: `robusta-runner --version | jq -r .revision`.
type versionLine struct {
	Version   string   `json:"version"`
	Revision  string   `json:"revision"`
	Source    string   `json:"source"`
	GoVersion string   `json:"goVersion"`
	Actions   []string `json:"actions"` // sorted
}

// writeVersion writes the build and the actions compiled in as one JSON
// line: what an operator asks of an image to know which playbooks it runs.
func writeVersion(w io.Writer, actions *registry.Set) error {
	info := buildinfo.Get()
	line := versionLine{
		Version: info.Version, Revision: info.Revision, Source: info.Source, GoVersion: info.GoVersion,
		Actions: append([]string{}, actions.Names()...), // [] rather than null when there are none
	}
	b, err := json.Marshal(line)
	if err != nil {
		return fmt.Errorf("encoding the version: %w", err)
	}
	if _, err := w.Write(append(b, '\n')); err != nil {
		return fmt.Errorf("writing the version: %w", err)
	}
	return nil
}

// buildInfoGauge is robusta_build_info, the Prometheus idiom for a build's
// identity: a constant 1 whose labels say which build runs, so that a
// dashboard can join on it or count the versions running in a fleet.
func buildInfoGauge(info buildinfo.Info) prometheus.Gauge {
	g := prometheus.NewGauge(prometheus.GaugeOpts{
		Name: "robusta_build_info",
		Help: "The runner's build: always 1, labelled with its version, VCS revision and Go version.",
		ConstLabels: prometheus.Labels{
			"version": info.Version, "revision": info.Revision, "goversion": info.GoVersion,
		},
	})
	g.Set(1)
	return g
}
