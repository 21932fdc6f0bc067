package scope

import (
	"bytes"
	"fmt"
	"testing"

	"gopkg.in/yaml.v3"

	"github.com/robusta-go/robusta/internal/conformance"
)

// conformancePath names Robusta's own scope test vectors
// (internal/conformance), read as they are, in messages.
const conformancePath = conformance.ScopeVectorsFile

type conformanceFile struct {
	Tests []struct {
		Scope  Params `yaml:"scope"`
		Checks []struct {
			Message         string             `yaml:"message"`
			Finding         conformanceFinding `yaml:"finding"`
			NamespaceLabels map[string]string  `yaml:"namespace_labels"`
			Expected        *bool              `yaml:"expected"`
		} `yaml:"checks"`
	} `yaml:"tests"`
}

// conformanceFinding is the part of a Robusta Finding the vectors set.
type conformanceFinding struct {
	Title   string `yaml:"title"`
	Subject struct {
		Name      string `yaml:"name"`
		Namespace string `yaml:"namespace"`
		Kind      string `yaml:"kind"`
		Node      string `yaml:"node"`
	} `yaml:"subject"`
	Severity       string            `yaml:"severity"`
	FindingType    string            `yaml:"finding_type"`
	Source         string            `yaml:"source"`
	AggregationKey string            `yaml:"aggregation_key"`
	Labels         map[string]string `yaml:"labels"`
	Annotations    map[string]string `yaml:"annotations"`
}

// subject maps a finding onto the sink attributes (FindingPlain,
// FindingMaps), with the check's namespace labels.
func (f *conformanceFinding) subject(nsLabels map[string]string) Subject {
	return Subject{
		Get: func(attr string) string {
			switch attr {
			case "title":
				return f.Title
			case "name":
				return f.Subject.Name
			case "namespace":
				return f.Subject.Namespace
			case "kind":
				return f.Subject.Kind
			case "node":
				return f.Subject.Node
			case "severity":
				return f.Severity
			case "type":
				return f.FindingType
			case "source":
				return f.Source
			case "identifier":
				return f.AggregationKey
			}
			panic("unexpected plain attribute " + attr)
		},
		Map: func(attr string) map[string]string {
			switch attr {
			case "labels":
				return f.Labels
			case "annotations":
				return f.Annotations
			case "namespace_labels":
				return nsLabels
			}
			panic("unexpected map attribute " + attr)
		},
	}
}

func TestConformance(t *testing.T) {
	var file conformanceFile
	dec := yaml.NewDecoder(bytes.NewReader(conformance.ScopeVectors))
	dec.KnownFields(true) // a misplaced field must fail, not be ignored
	if err := dec.Decode(&file); err != nil {
		t.Fatalf("decoding %s: %v", conformancePath, err)
	}
	if len(file.Tests) == 0 {
		t.Fatalf("%s holds no tests", conformancePath)
	}
	checks := 0
	for i, tc := range file.Tests {
		s, err := Compile(tc.Scope, FindingPlain, FindingMaps)
		if err != nil {
			t.Errorf("test %d: Compile: %v", i, err)
			continue
		}
		if len(tc.Checks) == 0 {
			t.Errorf("test %d has no checks", i)
		}
		for j, c := range tc.Checks {
			checks++
			t.Run(fmt.Sprintf("%02d/%02d_%s", i, j, c.Message), func(t *testing.T) {
				if c.Expected == nil {
					t.Fatal("check has no expected value")
				}
				if got := s.Match(c.Finding.subject(c.NamespaceLabels)); got != *c.Expected {
					t.Errorf("Match = %v, want %v\nscope: %+v\nfinding: %+v\nnamespace_labels: %v",
						got, *c.Expected, tc.Scope, c.Finding, c.NamespaceLabels)
				}
			})
		}
	}
	t.Logf("ran %d checks from %d tests", checks, len(file.Tests))
}
