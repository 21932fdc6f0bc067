package playbooks

import (
	"context"
	"fmt"
	"log/slog"
	"slices"
	"strings"
	"time"

	corev1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/types"

	"github.com/robusta-go/robusta/runtime/api"
)

// krrOutputFinalizer is the finalizer Robusta's krr_scan puts on its scan
// pods so that their log outlives the Job until the runner has read it.
const krrOutputFinalizer = "robusta.dev/krr-job-output"

// RobustaUtilsParams configures CleanupRobustaPods.
type RobustaUtilsParams struct {
	// HoursBack is how old, in hours, a KRR scan pod must be for its
	// finalizer to be removed.
	HoursBack int `json:"hours_back,omitempty" jsonschema:"minimum=0,default=6"`
}

// CleanupRobustaPods releases old KRR scan pods in the runner's namespace
// (Robusta's RobustaMaintenance playbook): from each pod named krr-job-*
// that is not running and is older than hours_back, it removes the
// robusta.dev/krr-job-output finalizer, so Kubernetes can delete it (pods
// list, patch: a write action).
//
// robusta-go's krr_scan puts no such finalizer on its pods (it reads the
// log as soon as the Job ends); the action releases the pods a Robusta
// runner left behind.
//
//robusta:action
func CleanupRobustaPods(ctx context.Context, event api.ExecutionEvent, params RobustaUtilsParams) error {
	client, err := writeClient(event)
	if err != nil {
		return err
	}
	ns := runnerNamespace()
	pods, err := client.CoreV1().Pods(ns).List(ctx, metav1.ListOptions{})
	if err != nil {
		return fmt.Errorf("listing pods in %s: %w", ns, err)
	}
	cutoff := time.Now().Add(-time.Duration(params.HoursBack) * time.Hour)
	patch := fmt.Appendf(nil, `{"metadata":{"$deleteFromPrimitiveList/finalizers":[%q]}}`, krrOutputFinalizer)
	for _, p := range pods.Items {
		if !releasable(p, cutoff) {
			continue
		}
		slog.Info("removing the KRR finalizer", "pod", p.Namespace+"/"+p.Name)
		if _, err := client.CoreV1().Pods(p.Namespace).Patch(ctx, p.Name, types.StrategicMergePatchType, patch, metav1.PatchOptions{}); err != nil {
			return fmt.Errorf("removing the finalizer of pod %s/%s: %w", p.Namespace, p.Name, err)
		}
	}
	return nil
}

// releasable is Robusta's test: a krr-job pod, not running, created before
// cutoff. Unlike Robusta, a pod without the finalizer is left unpatched.
func releasable(p corev1.Pod, cutoff time.Time) bool {
	return strings.Contains(p.Name, "krr-job") && !strings.EqualFold(string(p.Status.Phase), "running") &&
		!p.CreationTimestamp.IsZero() && p.CreationTimestamp.Time.Before(cutoff) &&
		slices.Contains(p.Finalizers, krrOutputFinalizer)
}
