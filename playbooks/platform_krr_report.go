package playbooks

import (
	"cmp"
	"encoding/json"
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"

	"github.com/robusta-go/robusta/runtime/api"
)

// krrReport is the part of KRR's JSON (krr -f json) the report shows.
type krrReport struct {
	Scans       []krrScan `json:"scans"`
	Score       int       `json:"score"`
	Description string    `json:"description"`
	Strategy    *struct {
		Name string `json:"name"`
	} `json:"strategy"`
}

// krrScan is KRR's recommendation for one container.
type krrScan struct {
	Object struct {
		Name        string `json:"name"`
		Container   string `json:"container"`
		Namespace   string `json:"namespace"`
		Kind        string `json:"kind"`
		Allocations struct {
			Requests map[string]json.RawMessage `json:"requests"`
			Limits   map[string]json.RawMessage `json:"limits"`
		} `json:"allocations"`
	} `json:"object"`
	Recommended struct {
		Requests map[string]krrValue `json:"requests"`
		Limits   map[string]krrValue `json:"limits"`
	} `json:"recommended"`
	Severity string `json:"severity"`
}

type krrValue struct {
	Value    json.RawMessage `json:"value"`
	Severity string          `json:"severity"`
}

// krrResultMarker precedes the JSON in KRR's log, after its progress lines.
const krrResultMarker = "Result collected, displaying..."

// parseKRR finds KRR's JSON in the log as Robusta does (after the marker,
// from the first brace) and returns it with the report read from it.
func parseKRR(log string) (*krrReport, []byte, error) {
	if i := strings.Index(log, krrResultMarker); i >= 0 {
		log = log[i+len(krrResultMarker):]
	}
	i := strings.Index(log, "{")
	if i < 0 {
		return nil, nil, fmt.Errorf("KRR scan job failed. Expecting json result: no JSON in its log")
	}
	raw := []byte(strings.TrimSpace(log[i:]))
	var r krrReport
	if err := json.Unmarshal(raw, &r); err != nil {
		return nil, nil, fmt.Errorf("KRR scan job failed. Result format issue: %w", err)
	}
	return &r, raw, nil
}

// krrPriority orders severities as Robusta's krr_severity_to_priority.
func krrPriority(s string) int {
	return map[string]int{"CRITICAL": 4, "WARNING": 3, "OK": 2, "GOOD": 1}[s]
}

// blocks are the report's summary, the recommendations (the most severe
// first) and KRR's JSON as a file.
func (r *krrReport) blocks(scanID string, raw []byte) []api.Block {
	strategy := ""
	if r.Strategy != nil && r.Strategy.Name != "" {
		strategy = ", strategy " + r.Strategy.Name
	}
	summary := fmt.Sprintf("*KRR scan* %s%s: score %d, %d containers.", scanID, strategy, r.Score, len(r.Scans))
	if r.Description != "" {
		summary += "\n" + r.Description
	}
	scans := slices.Clone(r.Scans)
	slices.SortStableFunc(scans, func(a, b krrScan) int {
		return cmp.Or(cmp.Compare(krrPriority(b.Severity), krrPriority(a.Severity)),
			cmp.Compare(a.Object.Namespace, b.Object.Namespace), cmp.Compare(a.Object.Name, b.Object.Name), cmp.Compare(a.Object.Container, b.Object.Container))
	})
	t := api.TableBlock([]string{"namespace", "name", "kind", "container", "severity", "cpu request", "cpu limit", "memory request", "memory limit"}, [][]string{})
	t.Name = "KRR recommendations (current -> recommended)"
	for _, s := range scans {
		o, rec := s.Object, s.Recommended
		t.Rows = append(t.Rows, []string{o.Namespace, o.Name, o.Kind, o.Container, s.Severity,
			krrChange("cpu", o.Allocations.Requests["cpu"], rec.Requests["cpu"].Value),
			krrChange("cpu", o.Allocations.Limits["cpu"], rec.Limits["cpu"].Value),
			krrChange("memory", o.Allocations.Requests["memory"], rec.Requests["memory"].Value),
			krrChange("memory", o.Allocations.Limits["memory"], rec.Limits["memory"].Value),
		})
	}
	return []api.Block{api.MarkdownBlock(summary), t, api.FileBlock("krr-"+scanID+".json", raw)}
}

func krrChange(resource string, current, recommended json.RawMessage) string {
	return krrQuantity(resource, current) + " -> " + krrQuantity(resource, recommended)
}

// krrQuantity writes a KRR value: CPU in cores (100m, 1.5), memory in
// MiB; "unset" for none, "?" where KRR had no data.
func krrQuantity(resource string, v json.RawMessage) string {
	s := strings.TrimSpace(string(v))
	if s == "" || s == "null" {
		return "unset"
	}
	var x float64
	if err := json.Unmarshal(v, &x); err != nil {
		var str string
		if json.Unmarshal(v, &str) == nil {
			return str // "?"
		}
		return s
	}
	if resource == "cpu" {
		if x < 1 {
			return strconv.Itoa(int(math.Round(x*1000))) + "m"
		}
		return strconv.FormatFloat(x, 'f', -1, 64)
	}
	return strconv.Itoa(int(math.Round(x/(1<<20)))) + "Mi"
}
