package playbooks

import (
	"context"
	"fmt"
	"regexp"
	"strings"

	"github.com/robusta-go/robusta/runtime/api"
)

// BashParams configures PodBashEnricher.
type BashParams struct {
	// BashCommand is the command to run inside the pod, with /bin/sh -c.
	BashCommand string `json:"bash_command"`
}

// PodBashEnricher runs a command in the pod's first container and attaches
// its output. It needs get and create on pods/exec: exec opens with a GET
// over WebSocket and with a POST (create) over SPDY, its fallback.
//
//robusta:action
//robusta:rbac groups=core,resources=pods,verbs=get
func PodBashEnricher(ctx context.Context, event api.PodEvent, params BashParams) error {
	pod := event.GetPod()
	if pod == nil {
		return api.ErrNoPod
	}
	out, err := pod.Exec(ctx, params.BashCommand)
	if err != nil {
		return fmt.Errorf("running %q in pod %s/%s: %w", params.BashCommand, pod.Namespace, pod.Name, err)
	}
	event.AddEnrichment(api.MarkdownBlock("Command results for *"+params.BashCommand+":*"), api.MarkdownBlock("```\n"+out+"\n```"))
	return nil
}

// LogEnricherParams configures LogsEnricher.
type LogEnricherParams struct {
	// ContainerName selects the container; empty means the pod's first.
	ContainerName string `json:"container_name,omitempty"`
	// Previous reads the log of the previous, crashed container instance.
	Previous bool `json:"previous,omitempty"`
	// TailLines keeps only the last lines of the log; 0 keeps all.
	TailLines int64 `json:"tail_lines,omitempty" jsonschema:"minimum=0"`
	// FilterRegex keeps only the lines that match this regular expression.
	FilterRegex string `json:"filter_regex,omitempty"`
}

// LogsEnricher attaches the pod's log as a file named after the pod.
//
//robusta:action
func LogsEnricher(ctx context.Context, event api.PodEvent, params LogEnricherParams) error {
	pod := event.GetPod()
	if pod == nil {
		return api.ErrNoPod
	}
	var filter *regexp.Regexp
	if params.FilterRegex != "" {
		var err error
		if filter, err = regexp.Compile(params.FilterRegex); err != nil {
			return fmt.Errorf("filter_regex: %w", err)
		}
	}
	opts := []api.LogOption{api.TailLines(params.TailLines)}
	if params.ContainerName != "" {
		opts = append(opts, api.Container(params.ContainerName))
	}
	if params.Previous {
		opts = append(opts, api.Previous())
	}
	log, err := pod.GetLogs(ctx, opts...)
	if err != nil {
		return fmt.Errorf("reading logs of pod %s/%s: %w", pod.Namespace, pod.Name, err)
	}
	if filter != nil {
		log = filterLines(log, filter)
	}
	if log == "" {
		event.AddEnrichment(api.MarkdownBlock("Logs unavailable: the log of pod " + pod.Name + " is empty."))
		return nil
	}
	event.AddEnrichment(api.FileBlock(pod.Name+".log", []byte(log)))
	return nil
}

func filterLines(log string, re *regexp.Regexp) string {
	var b strings.Builder
	for line := range strings.Lines(log) {
		if re.MatchString(line) {
			b.WriteString(line)
		}
	}
	return b.String()
}
