package runner_test

import (
	"context"
	"fmt"
	"testing"

	appsv1 "k8s.io/api/apps/v1"
	corev1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/client-go/kubernetes"
	"k8s.io/client-go/util/retry"
)

// Objects the tests change, and the changes, made straight through the
// test's own client (never through the runner).

func namespace(t *testing.T, c kubernetes.Interface, name string) {
	t.Helper()
	ns := &corev1.Namespace{ObjectMeta: metav1.ObjectMeta{Name: name}}
	if _, err := c.CoreV1().Namespaces().Create(t.Context(), ns, metav1.CreateOptions{}); err != nil {
		t.Fatal(err)
	}
}

func createPod(t *testing.T, c kubernetes.Interface, ns, name string, labels map[string]string) *corev1.Pod {
	t.Helper()
	pod := &corev1.Pod{
		ObjectMeta: metav1.ObjectMeta{Namespace: ns, Name: name, Labels: labels},
		Spec:       corev1.PodSpec{Containers: []corev1.Container{{Name: "main", Image: "busybox"}}},
	}
	got, err := c.CoreV1().Pods(ns).Create(t.Context(), pod, metav1.CreateOptions{})
	if err != nil {
		t.Fatal(err)
	}
	return got
}

// updatePod applies change to the pod's current state, retrying on a
// conflict, and returns the stored result.
func updatePod(t *testing.T, c kubernetes.Interface, ns, name string, change func(*corev1.Pod)) *corev1.Pod {
	t.Helper()
	pod, err := tryUpdatePod(t.Context(), c, ns, name, change)
	if err != nil {
		t.Fatal(err)
	}
	return pod
}

// tryUpdatePod is updatePod for goroutines other than the test's.
func tryUpdatePod(ctx context.Context, c kubernetes.Interface, ns, name string, change func(*corev1.Pod)) (*corev1.Pod, error) {
	pods := c.CoreV1().Pods(ns)
	var out *corev1.Pod
	err := retry.RetryOnConflict(retry.DefaultRetry, func() error {
		pod, err := pods.Get(ctx, name, metav1.GetOptions{})
		if err != nil {
			return err
		}
		change(pod)
		out, err = pods.Update(ctx, pod, metav1.UpdateOptions{})
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("updating pod %s/%s: %w", ns, name, err)
	}
	return out, nil
}

// deletePod deletes at once: without a kubelet a graceful delete would
// never finish.
func deletePod(t *testing.T, c kubernetes.Interface, ns, name string) {
	t.Helper()
	if err := c.CoreV1().Pods(ns).Delete(t.Context(), name, *metav1.NewDeleteOptions(0)); err != nil {
		t.Fatal(err)
	}
}

func createDeployment(t *testing.T, c kubernetes.Interface, ns, name string, labels map[string]string) *appsv1.Deployment {
	t.Helper()
	one := int32(1)
	sel := map[string]string{"app": name}
	d := &appsv1.Deployment{
		ObjectMeta: metav1.ObjectMeta{Namespace: ns, Name: name, Labels: labels},
		Spec: appsv1.DeploymentSpec{
			Replicas: &one,
			Selector: &metav1.LabelSelector{MatchLabels: sel},
			Template: corev1.PodTemplateSpec{
				ObjectMeta: metav1.ObjectMeta{Labels: sel},
				Spec:       corev1.PodSpec{Containers: []corev1.Container{{Name: "main", Image: "busybox"}}},
			},
		},
	}
	got, err := c.AppsV1().Deployments(ns).Create(t.Context(), d, metav1.CreateOptions{})
	if err != nil {
		t.Fatal(err)
	}
	return got
}

func updateDeployment(t *testing.T, c kubernetes.Interface, ns, name string, change func(*appsv1.Deployment)) *appsv1.Deployment {
	t.Helper()
	deps := c.AppsV1().Deployments(ns)
	var out *appsv1.Deployment
	err := retry.RetryOnConflict(retry.DefaultRetry, func() error {
		d, err := deps.Get(t.Context(), name, metav1.GetOptions{})
		if err != nil {
			return err
		}
		change(d)
		out, err = deps.Update(t.Context(), d, metav1.UpdateOptions{})
		return err
	})
	if err != nil {
		t.Fatalf("updating deployment %s/%s: %v", ns, name, err)
	}
	return out
}

// createEvent records a Kubernetes Event about a pod, as a kubelet would.
func createEvent(t *testing.T, c kubernetes.Interface, ns, name, pod string) *corev1.Event {
	t.Helper()
	ev := &corev1.Event{
		ObjectMeta:     metav1.ObjectMeta{Namespace: ns, Name: name},
		InvolvedObject: corev1.ObjectReference{Kind: "Pod", Namespace: ns, Name: pod, APIVersion: "v1"},
		Reason:         "BackOff", Message: "Back-off restarting failed container", Type: corev1.EventTypeWarning,
		Count: 1, Source: corev1.EventSource{Component: "kubelet"},
	}
	got, err := c.CoreV1().Events(ns).Create(t.Context(), ev, metav1.CreateOptions{})
	if err != nil {
		t.Fatal(err)
	}
	return got
}
