package playbooks

import (
	"context"
	"fmt"
	"strconv"
	"strings"

	corev1 "k8s.io/api/core/v1"

	"github.com/robusta-go/robusta/runtime/api"
)

// RelatedPodParams configures RelatedPods, with Robusta's names.
type RelatedPodParams struct {
	// OutputFormat is table or json.
	OutputFormat string `json:"output_format,omitempty" jsonschema:"enum=table,enum=json,default=table"`
	// IncludeRawData adds each pod as the API server has it to the json
	// output (as finding content: no managedFields).
	IncludeRawData bool `json:"include_raw_data,omitempty"`
	// Limit caps the number of pods shown; 0 shows all.
	Limit int `json:"limit,omitempty" jsonschema:"minimum=0"`
	// ClusterName fills the cluster column; globalConfig.cluster_name sets
	// it for every playbook.
	ClusterName string `json:"cluster_name,omitempty"`
}

// relatedPodHeaders are Robusta's columns of the "related pods" table.
var relatedPodHeaders = []string{"name", "namespace", "cluster", "node", "cpu limit", "cpu request", "memory limit", "memory request", "creation_time", "restarts", "addresses", "containers", "status", "status reason"}

// RelatedPods adds the table "related pods" of the object's pods: a pod
// itself, a node's pods, or the pods a workload's selector selects
// (Deployment, DaemonSet, ReplicaSet, StatefulSet, Job, and custom kinds
// with spec.selector). CPU is in cores and memory in MB, summed over the
// containers. With output_format json the pods are a JSON block instead.
//
//robusta:action
func RelatedPods(ctx context.Context, event api.KubernetesResourceEvent, params RelatedPodParams) error {
	obj := event.GetResource()
	if api.IsNil(obj) {
		return api.ErrNoResource
	}
	pods, err := podsOf(ctx, event.Execution().Cluster(), obj)
	if err != nil {
		return fmt.Errorf("related_pods: %w", err)
	}
	if params.Limit > 0 && len(pods) > params.Limit {
		pods = pods[:params.Limit]
	}
	if params.OutputFormat == "json" {
		out := make([]map[string]any, len(pods))
		for i := range pods {
			out[i] = relatedPodJSON(&pods[i], params)
		}
		event.AddEnrichment(api.JSONBlock(out))
		return nil
	}
	rows := [][]string{}
	for i := range pods {
		rows = append(rows, relatedPodRow(&pods[i], params.ClusterName))
	}
	t := api.TableBlock(relatedPodHeaders, rows)
	t.Name = "related pods"
	event.AddEnrichment(t)
	return nil
}

func relatedPodRow(p *corev1.Pod, cluster string) []string {
	req, lim := podTotals(p, false), podTotals(p, true)
	var ips []string
	for _, ip := range p.Status.PodIPs {
		ips = append(ips, ip.IP)
	}
	return []string{
		p.Name, p.Namespace, cluster, p.Spec.NodeName,
		coresText(lim), coresText(req), strconv.FormatInt(mbOf(lim), 10), strconv.FormatInt(mbOf(req), 10),
		k8sTime(p.CreationTimestamp.Time), strconv.Itoa(podRestarts(p)), strings.Join(ips, ","),
		strconv.Itoa(len(p.Spec.Containers)), string(p.Status.Phase), p.Status.Reason,
	}
}

// relatedPodJSON is Robusta's RelatedPod in its field names.
func relatedPodJSON(p *corev1.Pod, params RelatedPodParams) map[string]any {
	req, lim := podTotals(p, false), podTotals(p, true)
	var ips []string
	for _, ip := range p.Status.PodIPs {
		ips = append(ips, ip.IP)
	}
	m := map[string]any{
		"name": p.Name, "namespace": p.Namespace, "node": p.Spec.NodeName, "clusterName": params.ClusterName,
		"cpuLimit": float64(lim.Cpu().MilliValue()) / 1000, "cpuRequest": float64(req.Cpu().MilliValue()) / 1000,
		"memoryLimit": mbOf(lim), "memoryRequest": mbOf(req),
		"creationTime": k8sTime(p.CreationTimestamp.Time), "restarts": podRestarts(p), "addresses": strings.Join(ips, ","),
		"status": string(p.Status.Phase), "statusReason": p.Status.Reason,
		"containers": relatedContainersJSON(p),
	}
	if params.IncludeRawData {
		m["raw_data"] = api.Sanitize(p)
	}
	return m
}

// podTotals sums the containers' requests (or limits).
func podTotals(p *corev1.Pod, limits bool) corev1.ResourceList {
	out := corev1.ResourceList{}
	for _, c := range p.Spec.Containers {
		l := c.Resources.Requests
		if limits {
			l = c.Resources.Limits
		}
		for name, q := range l {
			sum := out[name]
			sum.Add(q)
			out[name] = sum
		}
	}
	return out
}

// coresText writes CPU in cores as Python writes a float (0.25, 1.0).
func coresText(l corev1.ResourceList) string {
	m := l.Cpu().MilliValue()
	s := strconv.FormatFloat(float64(m)/1000, 'f', -1, 64)
	if m%1000 == 0 {
		s += ".0"
	}
	return s
}

func mbOf(l corev1.ResourceList) int64 { return l.Memory().Value() / (1 << 20) }

func podRestarts(p *corev1.Pod) int {
	n := 0
	for _, cs := range p.Status.ContainerStatuses {
		n += int(cs.RestartCount)
	}
	return n
}
