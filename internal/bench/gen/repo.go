package main

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
)

// events cycles the event types of the synthetic actions: interfaces,
// concrete change events, alerts and schedules.
var events = []string{"api.PodEvent", "*api.PodChangeEvent", "api.DeploymentEvent", "api.KubernetesAnyChangeEvent", "*api.PrometheusAlertEvent", "api.ExecutionEvent", "*api.ScheduledEvent", "api.NodeEvent"}

// writeRepo writes a playbook module of pkgs packages with actions actions
// in all, each action with its own params struct (durations, nested
// structs, slices, maps, enums), requiring robusta-go from root.
func writeRepo(dir, root string, pkgs, actions int) error {
	goMod := fmt.Sprintf("module example.com/bench\n\ngo 1.26.8\n\nrequire github.com/robusta-go/robusta v0.0.0\n\nreplace github.com/robusta-go/robusta => %s\n", root)
	if err := os.WriteFile(filepath.Join(dir, "go.mod"), []byte(goMod), 0o644); err != nil {
		return err
	}
	sum, err := os.ReadFile(filepath.Join(root, "go.sum"))
	if err != nil {
		return err
	}
	if err := os.WriteFile(filepath.Join(dir, "go.sum"), sum, 0o644); err != nil {
		return err
	}
	for p := range pkgs {
		var b strings.Builder
		name := fmt.Sprintf("pb%02d", p)
		fmt.Fprintf(&b, "// Package %s is synthetic.\npackage %s\n\nimport (\n\t\"context\"\n\t\"time\"\n\n\t\"github.com/robusta-go/robusta/runtime/api\"\n)\n\n", name, name)
		b.WriteString("// Inner is nested in every params struct.\ntype Inner struct {\n\t// Limit bounds something.\n\tLimit int `json:\"limit\" jsonschema:\"minimum=1,default=5\"`\n\t// Tags label it.\n\tTags map[string]string `json:\"tags,omitempty\"`\n}\n\n")
		for a := p; a < actions; a += pkgs {
			ev := events[a%len(events)]
			fmt.Fprintf(&b, "// Params%d configures Action%d.\ntype Params%d struct {\n", a, a, a)
			b.WriteString("\t// Command is run.\n\tCommand string `json:\"command\"`\n")
			b.WriteString("\t// Mode selects the behaviour.\n\tMode string `json:\"mode\" jsonschema:\"enum=fast,enum=slow,default=fast\"`\n")
			b.WriteString("\t// Delay waits first.\n\tDelay time.Duration `json:\"delay,omitempty\"`\n")
			b.WriteString("\t// Names are matched.\n\tNames []string `json:\"names,omitempty\"`\n")
			b.WriteString("\t// Inner is nested.\n\tInner Inner `json:\"inner\"`\n}\n\n")
			fmt.Fprintf(&b, "// Action%d does synthetic work.\n//\n//robusta:action\nfunc Action%d(ctx context.Context, event %s, params *Params%d) error {\n", a, a, ev, a)
			b.WriteString("\tevent.AddEnrichment(api.MarkdownBlock(params.Command))\n\treturn nil\n}\n\n")
		}
		if err := os.MkdirAll(filepath.Join(dir, name), 0o755); err != nil {
			return err
		}
		if err := os.WriteFile(filepath.Join(dir, name, name+".go"), []byte(b.String()), 0o644); err != nil {
			return err
		}
	}
	return nil
}
