package main

import (
	"context"
	"encoding/json"
	"fmt"
	"sync"
	"time"

	corev1 "k8s.io/api/core/v1"
	apierrors "k8s.io/apimachinery/pkg/api/errors"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/client-go/kubernetes"

	"github.com/robusta-go/robusta/runtime/kube"
)

// createPods makes namespace ns and pods from..to-1 in it with workers
// concurrent clients, and returns their names. Each pod is created as
// `kubectl apply` creates it (fieldManager kubectl-client-side-apply) and
// then given a running status as the kubelet writes it (fieldManager
// kubelet, status subresource), so that its managedFields have both
// managers' entries, as on a real cluster.
func createPods(ctx context.Context, client kubernetes.Interface, ns string, from, to, workers int) ([]string, error) {
	nsObj := &corev1.Namespace{ObjectMeta: metav1.ObjectMeta{Name: ns}}
	if _, err := client.CoreV1().Namespaces().Create(ctx, nsObj, metav1.CreateOptions{}); err != nil && !apierrors.IsAlreadyExists(err) {
		return nil, fmt.Errorf("creating namespace %s: %w", ns, err)
	}
	ctx, cancel := context.WithCancelCause(ctx)
	defer cancel(nil)
	names := make([]string, to-from)
	next := make(chan int)
	var wg sync.WaitGroup
	for range workers {
		wg.Go(func() {
			for i := range next {
				name, err := createPod(ctx, client, ns, i)
				if err != nil {
					cancel(err)
					return
				}
				names[i-from] = name
			}
		})
	}
feed:
	for i := from; i < to; i++ {
		select {
		case next <- i:
		case <-ctx.Done():
			break feed
		}
	}
	close(next)
	wg.Wait()
	if err := context.Cause(ctx); err != nil {
		return nil, err
	}
	return names, nil
}

func createPod(ctx context.Context, client kubernetes.Interface, ns string, i int) (string, error) {
	pods := client.CoreV1().Pods(ns)
	pod, err := benchPod(ns, i)
	if err != nil {
		return "", err
	}
	created, err := pods.Create(ctx, pod, metav1.CreateOptions{FieldManager: "kubectl-client-side-apply"})
	if err != nil {
		return "", fmt.Errorf("creating pod %s/%s: %w", ns, pod.Name, err)
	}
	created.Status = runningStatus(created, i)
	if _, err := pods.UpdateStatus(ctx, created, metav1.UpdateOptions{FieldManager: "kubelet"}); err != nil {
		return "", fmt.Errorf("setting the status of pod %s/%s: %w", ns, pod.Name, err)
	}
	return created.Name, nil
}

// deletePods deletes every pod of ns at once (no kubelet runs to finish a
// graceful delete) and waits until they are gone.
func deletePods(ctx context.Context, client kubernetes.Interface, ns string) error {
	zero := int64(0)
	pods := client.CoreV1().Pods(ns)
	if err := pods.DeleteCollection(ctx, metav1.DeleteOptions{GracePeriodSeconds: &zero}, metav1.ListOptions{}); err != nil {
		return fmt.Errorf("deleting the pods of %s: %w", ns, err)
	}
	for {
		l, err := pods.List(ctx, metav1.ListOptions{Limit: 1})
		if err != nil {
			return fmt.Errorf("listing the pods of %s: %w", ns, err)
		}
		if len(l.Items) == 0 {
			return nil
		}
		select {
		case <-ctx.Done():
			return fmt.Errorf("waiting for the pods of %s to go: %w", ns, ctx.Err())
		case <-time.After(100 * time.Millisecond):
		}
	}
}

// countPods counts the pods of all namespaces without listing them all:
// one item and the server's count of the rest, or pages of names when the
// server gives no count.
func countPods(ctx context.Context, client kubernetes.Interface) (int, error) {
	opts := metav1.ListOptions{Limit: 1}
	l, err := client.CoreV1().Pods("").List(ctx, opts)
	if err != nil {
		return 0, fmt.Errorf("counting pods: %w", err)
	}
	if l.RemainingItemCount != nil {
		return len(l.Items) + int(*l.RemainingItemCount), nil
	}
	n := len(l.Items)
	for opts.Limit = 500; l.Continue != ""; n += len(l.Items) {
		opts.Continue = l.Continue
		if l, err = client.CoreV1().Pods("").List(ctx, opts); err != nil {
			return 0, fmt.Errorf("counting pods: %w", err)
		}
	}
	return n, nil
}

// podSizes are the JSON sizes of one memory pod, in bytes.
type podSizes struct {
	Stored        int `json:"stored"`         // as the API server returns it
	Stripped      int `json:"stripped"`       // after kube.StripForCache
	LastApplied   int `json:"last_applied"`   // the last-applied-configuration annotation's value
	ManagedFields int `json:"managed_fields"` // metadata.managedFields
}

// podSize measures pod name of the memory namespace.
func podSize(ctx context.Context, client kubernetes.Interface, name string) (podSizes, error) {
	p, err := client.CoreV1().Pods(memoryNamespace).Get(ctx, name, metav1.GetOptions{})
	if err != nil {
		return podSizes{}, fmt.Errorf("getting pod %s: %w", name, err)
	}
	var s podSizes
	s.LastApplied = len(p.Annotations[lastApplied])
	mf, err := json.Marshal(p.ManagedFields)
	if err != nil {
		return podSizes{}, fmt.Errorf("encoding the managedFields of pod %s: %w", name, err)
	}
	s.ManagedFields = len(mf)
	b, err := json.Marshal(p)
	if err != nil {
		return podSizes{}, fmt.Errorf("encoding pod %s: %w", name, err)
	}
	s.Stored = len(b)
	if _, err := kube.StripForCache(p); err != nil {
		return podSizes{}, fmt.Errorf("stripping pod %s: %w", name, err)
	}
	if b, err = json.Marshal(p); err != nil {
		return podSizes{}, fmt.Errorf("encoding pod %s: %w", name, err)
	}
	s.Stripped = len(b)
	return s, nil
}
