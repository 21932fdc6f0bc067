package playbooks

import (
	"context"
	"encoding/json"
	"fmt"
	"time"

	appsv1 "k8s.io/api/apps/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/types"

	"github.com/robusta-go/robusta/runtime/api"
)

// restartedAtAnnotation is Robusta's (kubectl uses
// kubectl.kubernetes.io/restartedAt): what users' tooling may look for.
const restartedAtAnnotation = "robusta.kubernetes.io/restartedAt"

// RolloutRestart restarts the event's deployment, statefulset or daemonset
// as kubectl rollout restart does, by stamping the pod template with the
// annotation robusta.kubernetes.io/restartedAt (a write action: patch on
// each of the three): "Deployment/ns/name restarted". A paused deployment
// is left alone ("can't restart paused deployment/ns/name (run rollout
// resume first)."); any other kind is an error.
//
// Robusta also restarts OpenShift DeploymentConfigs, Argo Rollouts and
// its custom resources; robusta-go has no event for those kinds.
//
//robusta:action
func RolloutRestart(ctx context.Context, event api.KubernetesResourceEvent) error {
	obj := event.GetResource()
	if obj == nil {
		return api.ErrNoResource
	}
	client, err := writeClient(event)
	if err != nil {
		return err
	}
	patch, err := restartPatch(time.Now())
	if err != nil {
		return err
	}
	ns, name := obj.GetNamespace(), obj.GetName()
	apps := client.AppsV1()
	var kind string
	switch o := obj.(type) {
	case *appsv1.Deployment:
		kind = "Deployment"
		if o.Spec.Paused {
			event.AddEnrichment(api.MarkdownBlock(fmt.Sprintf("can't restart paused deployment/%s/%s (run rollout resume first).", ns, name)))
			return nil
		}
		_, err = apps.Deployments(ns).Patch(ctx, name, types.StrategicMergePatchType, patch, metav1.PatchOptions{})
	case *appsv1.StatefulSet:
		kind = "StatefulSet"
		_, err = apps.StatefulSets(ns).Patch(ctx, name, types.StrategicMergePatchType, patch, metav1.PatchOptions{})
	case *appsv1.DaemonSet:
		kind = "DaemonSet"
		_, err = apps.DaemonSets(ns).Patch(ctx, name, types.StrategicMergePatchType, patch, metav1.PatchOptions{})
	default:
		return fmt.Errorf("rollout restart is not supported for resource %s", api.SubjectOf(obj).Kind)
	}
	if err != nil {
		return fmt.Errorf("failed to rollout restart %s/%s/%s: %w", kind, ns, name, err)
	}
	event.AddEnrichment(api.MarkdownBlock(fmt.Sprintf("%s/%s/%s restarted", kind, ns, name)))
	return nil
}

// restartPatch stamps the pod template with now in Python's isoformat for
// a UTC time, as Robusta writes it (2024-05-01T10:00:00.123456+00:00).
func restartPatch(now time.Time) ([]byte, error) {
	stamp := now.UTC().Format("2006-01-02T15:04:05.000000+00:00")
	p := map[string]any{"spec": map[string]any{"template": map[string]any{"metadata": map[string]any{
		"annotations": map[string]string{restartedAtAnnotation: stamp}}}}}
	b, err := json.Marshal(p)
	if err != nil {
		return nil, fmt.Errorf("writing the restart patch: %w", err)
	}
	return b, nil
}
