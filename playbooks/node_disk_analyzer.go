package playbooks

import (
	"context"
	"fmt"
	"time"

	"github.com/robusta-go/robusta/runtime/api"
)

// DiskAnalyzerParams configures NodeDiskAnalyzer.
type DiskAnalyzerParams struct {
	// ShowPods adds the pods' disk use, largest first.
	ShowPods bool `json:"show_pods,omitempty" jsonschema:"default=true"`
	// ShowContainers adds each container's disk use, by pod.
	ShowContainers bool `json:"show_containers,omitempty" jsonschema:"default=false"`
	// CustomAnnotations are set on the pod the action runs on the node.
	CustomAnnotations map[string]string `json:"custom_annotations,omitempty"`
	// Image is the disk-tools image (Robusta's DISK_TOOLS_IMAGE setting).
	Image string `json:"image,omitempty" jsonschema:"default=robustadev/disk-tools:1.8"`
}

// diskToolsTimeout is how long the disk-tools pod may take, Robusta's.
const diskToolsTimeout = 360 * time.Second

// NodeDiskAnalyzer measures the node's disk use: "Disk analysis for node
// n follows", the used and total space, how much of it the pods use, and
// (show_pods, show_containers) the pods' and containers' shares. It runs
// Robusta's disk-tools image in a privileged pod on the node, in the
// runner's namespace, and deletes the pod when done (pods create, get,
// delete; pods/log get): a write action, as it starts a privileged pod.
//
//robusta:action
func NodeDiskAnalyzer(ctx context.Context, event api.NodeEvent, params DiskAnalyzerParams) error {
	node := event.GetNode()
	if node == nil {
		return api.ErrNoNode
	}
	c := event.Execution().Cluster()
	if c == nil {
		return api.ErrNoCluster
	}
	pods, err := node.Pods(ctx)
	if err != nil {
		return err
	}
	image := params.Image
	if image == "" {
		image = diskToolsImage
	}
	out, err := runPod(ctx, c, diskToolsPod(runnerNamespace(), node.Name, image, params.CustomAnnotations), diskToolsTimeout)
	if err != nil {
		return fmt.Errorf("analysing the disk of node %s: %w", node.Name, err)
	}
	info, err := parseDiskInfo(out)
	if err != nil {
		return fmt.Errorf("analysing the disk of node %s: %w", node.Name, err)
	}
	event.AddEnrichment(diskBlocks(node.Name, info, namesOf(pods), params.ShowPods, params.ShowContainers)...)
	return nil
}
