// Package reach has actions whose cluster access the generator infers from
// their code: through a helper of the repo, the typed client, a function
// value, and a call through an interface it cannot follow.
package reach

import (
	"context"

	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"

	"example.com/goodpb/internal/helpers"
	"github.com/robusta-go/robusta/runtime/api"
)

// TailLogs attaches the end of the pod's log, read by a helper.
//
//robusta:action
func TailLogs(ctx context.Context, event api.PodEvent) error {
	out, err := helpers.Tail(ctx, event.GetPod())
	if err != nil {
		return err
	}
	event.AddEnrichment(api.MarkdownBlock(out))
	return nil
}

// RestartDeployment deletes the deployment's pods and lists the
// namespace's secrets' names, through the typed client. Its directive is
// redundant: inference finds the same.
//
//robusta:action
//robusta:rbac groups=core,resources=secrets,verbs=list
func RestartDeployment(ctx context.Context, event api.DeploymentEvent) error {
	d := event.GetDeployment()
	c := event.Execution().Cluster().Kubernetes()
	if _, err := c.CoreV1().Secrets(d.Namespace).List(ctx, metav1.ListOptions{}); err != nil {
		return err
	}
	return each(ctx, d, func(p string) error {
		return c.CoreV1().Pods(d.Namespace).Delete(ctx, p, metav1.DeleteOptions{})
	})
}

// each runs f on the names of d's pods.
func each(ctx context.Context, d *api.Deployment, f func(string) error) error {
	pods, err := d.Pods(ctx)
	if err != nil {
		return err
	}
	for _, p := range pods {
		if err := f(p.Name); err != nil {
			return err
		}
	}
	return nil
}

// Prober checks something; the generator cannot see which implementation
// runs.
type Prober interface {
	Probe(ctx context.Context) error
}

// ScaleCheck patches the deployment's scale (inferred) and runs a prober
// (not inferred: a call through the repo's own interface), which needs its
// directive.
//
//robusta:action
//robusta:rbac groups=apps,resources=deployments/scale,verbs=patch
//robusta:rbac groups=apps,resources=replicasets,verbs=list
func ScaleCheck(ctx context.Context, event api.DeploymentEvent) error {
	d := event.GetDeployment()
	c := event.Execution().Cluster().Kubernetes()
	if _, err := c.AppsV1().Deployments(d.Namespace).Patch(ctx, d.Name, "application/merge-patch+json", []byte(`{}`), metav1.PatchOptions{}, "scale"); err != nil {
		return err
	}
	var p Prober
	if p != nil {
		return p.Probe(ctx)
	}
	return nil
}
