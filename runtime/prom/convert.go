package prom

import (
	"fmt"
	"math"
	"time"

	promv1 "github.com/prometheus/client_golang/api/prometheus/v1"
	"github.com/prometheus/common/model"

	"github.com/robusta-go/robusta/runtime/api"
)

// samples turns an instant query's result into samples: a vector's
// elements, or a scalar as one sample without labels.
func samples(v model.Value) ([]api.Sample, error) {
	switch v := v.(type) {
	case model.Vector:
		out := make([]api.Sample, 0, len(v))
		for _, s := range v {
			out = append(out, api.Sample{Labels: labelMap(s.Metric), Time: s.Timestamp.Time().UTC(), Value: float64(s.Value)})
		}
		return out, nil
	case *model.Scalar:
		return []api.Sample{{Labels: map[string]string{}, Time: v.Timestamp.Time().UTC(), Value: float64(v.Value)}}, nil
	case model.Matrix:
		return nil, fmt.Errorf("an instant query returned a range vector: use QueryRange, or a query without [range]")
	default:
		return nil, fmt.Errorf("unsupported result type %s", typeName(v))
	}
}

// series turns a range query's matrix into series.
func series(v model.Value) ([]api.Series, error) {
	m, ok := v.(model.Matrix)
	if !ok {
		return nil, fmt.Errorf("a range query returned %s, want a matrix", typeName(v))
	}
	out := make([]api.Series, 0, len(m))
	for _, s := range m {
		pts := make([]api.Point, 0, len(s.Values))
		for _, p := range s.Values {
			pts = append(pts, api.Point{Time: p.Timestamp.Time().UTC(), Value: float64(p.Value)})
		}
		out = append(out, api.Series{Labels: labelMap(s.Metric), Points: pts})
	}
	return out, nil
}

func rules(res promv1.RulesResult) []api.Rule {
	var out []api.Rule
	for _, g := range res.Groups {
		for _, r := range g.Rules {
			switch r := r.(type) {
			case promv1.AlertingRule:
				out = append(out, api.Rule{Type: "alerting", Group: g.Name, Name: r.Name, Query: r.Query,
					For: seconds(r.Duration), Labels: labelMap(model.Metric(r.Labels)), Annotations: labelMap(model.Metric(r.Annotations))})
			case promv1.RecordingRule:
				out = append(out, api.Rule{Type: "recording", Group: g.Name, Name: r.Name, Query: r.Query, Labels: labelMap(model.Metric(r.Labels))})
			}
		}
	}
	return out
}

func seconds(s float64) time.Duration {
	if math.IsNaN(s) || s <= 0 {
		return 0
	}
	return time.Duration(s * float64(time.Second))
}

func labelMap(m model.Metric) map[string]string {
	out := make(map[string]string, len(m))
	for k, v := range m {
		out[string(k)] = string(v)
	}
	return out
}

func typeName(v model.Value) string {
	if v == nil {
		return "nothing"
	}
	return v.Type().String()
}
