package playbooks

import (
	"cmp"
	"encoding/json"
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"

	corev1 "k8s.io/api/core/v1"

	"github.com/robusta-go/robusta/runtime/api"
)

// diskInfo is the JSON disk-tools prints.
type diskInfo struct {
	DiskStats struct {
		Used  int64 `json:"used"`
		Total int64 `json:"total"`
	} `json:"disk_stats"`
	PodsDiskInfo struct {
		PodsDistribution []struct {
			PodUID     string `json:"pod_uid"`
			Containers []struct {
				ContainerID string `json:"container_id"`
				DiskSize    int64  `json:"disk_size"`
			} `json:"containers"`
		} `json:"pods_distribution"`
		Warnings []string `json:"warnings"`
	} `json:"pods_disk_info"`
}

func parseDiskInfo(out string) (*diskInfo, error) {
	var d diskInfo
	if err := json.Unmarshal([]byte(strings.TrimSpace(out)), &d); err != nil {
		return nil, fmt.Errorf("reading disk-tools' output: %w", err)
	}
	if d.DiskStats.Total <= 0 {
		return nil, fmt.Errorf("reading disk-tools' output: no disk_stats.total")
	}
	return &d, nil
}

// podNames maps the node's pods' UIDs (and config hashes: a static pod is
// known by its kubernetes.io/config.hash annotation) to namespace and
// name, and container IDs, without the runtime's "containerd://", to
// container names.
type podNames struct {
	pods       map[string][2]string
	containers map[string]string
}

func namesOf(pods []corev1.Pod) podNames {
	n := podNames{pods: map[string][2]string{}, containers: map[string]string{}}
	for _, p := range pods {
		n.pods[string(p.UID)] = [2]string{p.Namespace, p.Name}
		if h, ok := p.Annotations["kubernetes.io/config.hash"]; ok {
			n.pods[h] = [2]string{p.Namespace, p.Name}
		}
		for _, s := range p.Status.ContainerStatuses {
			if _, id, ok := strings.Cut(s.ContainerID, "//"); ok && id != "" {
				n.containers[id] = s.Name
			}
		}
	}
	return n
}

// pod is the namespace and name of a pod UID, or "" and the UID.
func (n podNames) pod(uid string) (string, string) {
	if p, ok := n.pods[uid]; ok {
		return p[0], p[1]
	}
	return "", uid
}

// diskBlocks is Robusta's report: the summary, the pods by disk use, with
// showContainers the containers (by pod, largest first), and the tool's
// warnings.
func diskBlocks(node string, d *diskInfo, names podNames, showPods, showContainers bool) []api.Block {
	type row struct {
		ns, pod, container string
		size               int64
	}
	var pods, containers []row
	var inPods int64
	for _, p := range d.PodsDiskInfo.PodsDistribution {
		ns, name := names.pod(p.PodUID)
		r := row{ns: ns, pod: name}
		for _, c := range p.Containers {
			r.size += c.DiskSize
			cname, ok := names.containers[c.ContainerID]
			if !ok {
				cname = c.ContainerID
			}
			containers = append(containers, row{ns, name, cname, c.DiskSize})
		}
		inPods += r.size
		pods = append(pods, r)
	}
	used, total := d.DiskStats.Used, d.DiskStats.Total
	out := []api.Block{api.MarkdownBlock(fmt.Sprintf("Disk analysis for node %s follows.\n"+
		"The used disk space is currently at %s out of %s (%s%%).\n"+
		"Of this space, %s is used by pods and the rest (%s) is consumed by the node.",
		node, naturalSize(used), naturalSize(total), pyRound2(float64(used)/float64(total)*100), naturalSize(inPods), naturalSize(used-inPods)))}
	if showPods {
		slices.SortStableFunc(pods, func(a, b row) int { return cmp.Compare(b.size, a.size) })
		t := api.TableBlock([]string{"pod_namespace", "pod_name", "disk_space"}, [][]string{})
		for _, r := range pods {
			t.Rows = append(t.Rows, []string{r.ns, r.pod, naturalSize(r.size)})
		}
		out = append(out, t)
	}
	if showContainers {
		slices.SortStableFunc(containers, func(a, b row) int {
			return cmp.Or(cmp.Compare(a.ns, b.ns), cmp.Compare(a.pod, b.pod), cmp.Compare(b.size, a.size))
		})
		t := api.TableBlock([]string{"pod_namespace", "pod_name", "container_name", "disk_space"}, [][]string{})
		for _, r := range containers {
			t.Rows = append(t.Rows, []string{r.ns, r.pod, r.container, naturalSize(r.size)})
		}
		out = append(out, t)
	}
	if w := d.PodsDiskInfo.Warnings; len(w) > 0 {
		out = append(out, api.MarkdownBlock("Encountered the following warnings while trying to get disk information of some containers:\n"+strings.Join(w, "\n")+"\n"))
	}
	return out
}

// naturalSize is Python humanize's naturalsize(n, binary=True), which
// Robusta's report uses: "1 Byte", "512 Bytes", "1.5 KiB", "3.0 GiB".
func naturalSize(n int64) string {
	abs := math.Abs(float64(n))
	switch {
	case abs == 1:
		return fmt.Sprintf("%d Byte", n)
	case abs < 1024:
		return fmt.Sprintf("%d Bytes", n)
	}
	unit := 1024.0
	for _, s := range []string{"KiB", "MiB", "GiB", "TiB", "PiB", "EiB", "ZiB"} {
		if abs < unit*1024 {
			return fmt.Sprintf("%.1f %s", float64(n)/unit, s)
		}
		unit *= 1024
	}
	return fmt.Sprintf("%.1f YiB", float64(n)/unit)
}

// pyRound2 writes Python's str(round(x, 2)): 45.67, 50.0.
func pyRound2(x float64) string {
	s := strconv.FormatFloat(math.Round(x*100)/100, 'f', -1, 64)
	if !strings.ContainsAny(s, ".eE") {
		s += ".0"
	}
	return s
}
