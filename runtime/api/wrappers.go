package api

import (
	"context"
	"fmt"

	appsv1 "k8s.io/api/apps/v1"
	batchv1 "k8s.io/api/batch/v1"
	corev1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
)

// Pod is a pod with the operations Robusta's RobustaPod offers. It embeds
// the k8s.io/api type, so pod.Name and pod.Spec work as usual.
type Pod struct {
	*corev1.Pod
	cluster Cluster
}

// NewPod wraps p; c may be nil, and then cluster operations fail with
// ErrNoCluster. It returns nil when p is nil.
func NewPod(p *corev1.Pod, c Cluster) *Pod {
	if p == nil {
		return nil
	}
	return &Pod{Pod: p, cluster: c}
}

// GetLogs returns the log of the pod's first container, or of the one
// selected by Container.
func (p *Pod) GetLogs(ctx context.Context, opts ...LogOption) (string, error) {
	if p.cluster == nil {
		return "", ErrNoCluster
	}
	var o LogOptions
	for _, opt := range opts {
		opt(&o)
	}
	if o.Container == "" && len(p.Spec.Containers) > 0 {
		o.Container = p.Spec.Containers[0].Name
	}
	return p.cluster.Logs(ctx, p.Namespace, p.Name, o)
}

// Exec runs command with /bin/sh -c in the pod's first container and
// returns its output.
func (p *Pod) Exec(ctx context.Context, command string) (string, error) {
	container := ""
	if len(p.Spec.Containers) > 0 {
		container = p.Spec.Containers[0].Name
	}
	return p.ExecIn(ctx, ExecOptions{Container: container, Command: []string{"/bin/sh", "-c", command}})
}

// ExecIn runs a command as described by opts.
func (p *Pod) ExecIn(ctx context.Context, opts ExecOptions) (string, error) {
	if p.cluster == nil {
		return "", ErrNoCluster
	}
	return p.cluster.Exec(ctx, p.Namespace, p.Name, opts)
}

// Events lists the Kubernetes events about the pod, oldest first.
func (p *Pod) Events(ctx context.Context) ([]corev1.Event, error) {
	return objectEvents(ctx, p.cluster, p.Namespace, "Pod", p.Name)
}

// Deployment is a deployment with the operations of Robusta's
// RobustaDeployment.
type Deployment struct {
	*appsv1.Deployment
	cluster Cluster
}

// NewDeployment wraps d; nil gives nil.
func NewDeployment(d *appsv1.Deployment, c Cluster) *Deployment {
	if d == nil {
		return nil
	}
	return &Deployment{Deployment: d, cluster: c}
}

// Pods lists the pods the deployment selects.
func (d *Deployment) Pods(ctx context.Context) ([]corev1.Pod, error) {
	return selectPods(ctx, d.cluster, d.Namespace, d.Spec.Selector)
}

// Job is a job with the operations of Robusta's RobustaJob.
type Job struct {
	*batchv1.Job
	cluster Cluster
}

// NewJob wraps j; nil gives nil.
func NewJob(j *batchv1.Job, c Cluster) *Job {
	if j == nil {
		return nil
	}
	return &Job{Job: j, cluster: c}
}

// Pods lists the job's pods.
func (j *Job) Pods(ctx context.Context) ([]corev1.Pod, error) {
	return selectPods(ctx, j.cluster, j.Namespace, j.Spec.Selector)
}

// Node is a node with cluster operations.
type Node struct {
	*corev1.Node
	cluster Cluster
}

// NewNode wraps n; nil gives nil.
func NewNode(n *corev1.Node, c Cluster) *Node {
	if n == nil {
		return nil
	}
	return &Node{Node: n, cluster: c}
}

// Pods lists the pods scheduled on the node.
func (n *Node) Pods(ctx context.Context) ([]corev1.Pod, error) {
	if n.cluster == nil {
		return nil, ErrNoCluster
	}
	l, err := n.cluster.Kubernetes().CoreV1().Pods("").List(ctx, metav1.ListOptions{FieldSelector: "spec.nodeName=" + n.Name})
	if err != nil {
		return nil, fmt.Errorf("listing pods on node %s: %w", n.Name, err)
	}
	return l.Items, nil
}

func selectPods(ctx context.Context, c Cluster, namespace string, sel *metav1.LabelSelector) ([]corev1.Pod, error) {
	if c == nil {
		return nil, ErrNoCluster
	}
	s, err := metav1.LabelSelectorAsSelector(sel)
	if err != nil {
		return nil, fmt.Errorf("reading selector: %w", err)
	}
	if s.Empty() {
		return nil, nil // an empty selector would list every pod of the namespace
	}
	l, err := c.Kubernetes().CoreV1().Pods(namespace).List(ctx, metav1.ListOptions{LabelSelector: s.String()})
	if err != nil {
		return nil, fmt.Errorf("listing pods in %s: %w", namespace, err)
	}
	return l.Items, nil
}

func objectEvents(ctx context.Context, c Cluster, namespace, kind, name string) ([]corev1.Event, error) {
	if c == nil {
		return nil, ErrNoCluster
	}
	sel := "involvedObject.kind=" + kind + ",involvedObject.name=" + name
	l, err := c.Kubernetes().CoreV1().Events(namespace).List(ctx, metav1.ListOptions{FieldSelector: sel})
	if err != nil {
		return nil, fmt.Errorf("listing events of %s %s/%s: %w", kind, namespace, name, err)
	}
	return onlyAbout(l.Items, kind, namespace, name), nil
}
