package main

import (
	"context"
	"fmt"
	"time"

	corev1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/client-go/kubernetes"
)

// changePod creates demo/web-1 and then labels it: a create for NewPods and
// an update for PodChanges.
func changePod(ctx context.Context, client kubernetes.Interface) error {
	ns := &corev1.Namespace{ObjectMeta: metav1.ObjectMeta{Name: "demo"}}
	if _, err := client.CoreV1().Namespaces().Create(ctx, ns, metav1.CreateOptions{}); err != nil {
		return fmt.Errorf("creating namespace: %w", err)
	}
	pod := &corev1.Pod{
		ObjectMeta: metav1.ObjectMeta{Namespace: "demo", Name: "web-1", Labels: map[string]string{"app": "web"}},
		Spec:       corev1.PodSpec{Containers: []corev1.Container{{Name: "web", Image: "nginx:1.27"}}},
	}
	created, err := client.CoreV1().Pods("demo").Create(ctx, pod, metav1.CreateOptions{})
	if err != nil {
		return fmt.Errorf("creating pod: %w", err)
	}
	created.Labels["tier"] = "frontend"
	if _, err := client.CoreV1().Pods("demo").Update(ctx, created, metav1.UpdateOptions{}); err != nil {
		return fmt.Errorf("labelling pod: %w", err)
	}
	return nil
}

// crashPod creates demo/api-1 and writes the status a kubelet reports for a
// container that keeps crashing: waiting in CrashLoopBackOff after three
// restarts, the last run ended with exit code 1. No kubelet runs on the
// demo's control plane, so the demo writes it through the status
// subresource, as the kubelet would.
func crashPod(ctx context.Context, client kubernetes.Interface) error {
	pods := client.CoreV1().Pods("demo")
	pod := &corev1.Pod{
		ObjectMeta: metav1.ObjectMeta{Namespace: "demo", Name: "api-1", Labels: map[string]string{"app": "api"}},
		Spec:       corev1.PodSpec{Containers: []corev1.Container{{Name: "api", Image: "api:1.0"}}},
	}
	created, err := pods.Create(ctx, pod, metav1.CreateOptions{})
	if err != nil {
		return fmt.Errorf("creating pod: %w", err)
	}
	now := time.Now()
	created.Status = corev1.PodStatus{
		Phase:     corev1.PodRunning,
		StartTime: &metav1.Time{Time: now.Add(-5 * time.Minute)},
		ContainerStatuses: []corev1.ContainerStatus{{
			Name: "api", Image: "api:1.0", ImageID: "api:1.0", RestartCount: 3,
			State: corev1.ContainerState{Waiting: &corev1.ContainerStateWaiting{
				Reason: "CrashLoopBackOff", Message: "back-off 40s restarting failed container=api pod=api-1_demo",
			}},
			LastTerminationState: corev1.ContainerState{Terminated: &corev1.ContainerStateTerminated{
				Reason: "Error", ExitCode: 1,
				StartedAt: metav1.Time{Time: now.Add(-50 * time.Second)}, FinishedAt: metav1.Time{Time: now.Add(-40 * time.Second)},
			}},
		}},
	}
	if _, err := pods.UpdateStatus(ctx, created, metav1.UpdateOptions{}); err != nil {
		return fmt.Errorf("writing the pod's status: %w", err)
	}
	return nil
}
