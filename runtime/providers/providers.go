package providers

import (
	"context"
	"fmt"
	"slices"
	"strings"

	corev1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/client-go/kubernetes"
)

// Robusta's ClusterProviderType values, as users write them in
// k8s_providers.
const (
	GKE            = "GKE"
	AKS            = "AKS"
	EKS            = "EKS"
	Kind           = "Kind"
	Minikube       = "Minikube"
	RancherDesktop = "RancherDesktop"
	Kapsule        = "Kapsule"
	Kops           = "Kops"
	DigitalOcean   = "DigitalOcean"
	Unknown        = "Unknown"
)

// Names lists every provider name, Unknown included.
var Names = []string{GKE, AKS, EKS, Kind, Minikube, RancherDesktop, Kapsule, Kops, DigitalOcean, Unknown}

// Canonical returns the provider name equal to s ignoring case, and
// whether there is one.
func Canonical(s string) (string, bool) {
	i := slices.IndexFunc(Names, func(n string) bool { return strings.EqualFold(n, s) })
	if i < 0 {
		return "", false
	}
	return Names[i], true
}

// hostnames are Robusta's HOSTNAME_MATCH: a substring of any node's
// kubernetes.io/hostname label, in this order.
var hostnames = []struct{ provider, substr string }{
	{Kind, "kind"}, {RancherDesktop, "rancher-desktop"},
}

// nodeLabels are Robusta's NODE_LABELS: a label only that provider puts on
// nodes, checked on the first node, in this order.
var nodeLabels = []struct{ provider, label string }{
	{Minikube, "minikube.k8s.io/name"},
	{DigitalOcean, "doks.digitalocean.com/version"},
	{Kops, "kops.k8s.io/instancegroup"},
	{Kapsule, "k8s.scaleway.com/kapsule"},
}

// Detect returns the provider nodes belong to, in Robusta's order (see the
// package doc); Unknown when nothing matches or there are no nodes.
func Detect(nodes []corev1.Node) string {
	for _, n := range nodes {
		host := n.Labels[corev1.LabelHostname]
		for _, h := range hostnames {
			if host != "" && strings.Contains(host, h.substr) {
				return h.provider
			}
		}
	}
	if len(nodes) == 0 {
		return Unknown // Robusta's nodes[0] raises and leaves Unknown
	}
	first := &nodes[0]
	kubelet := first.Status.NodeInfo.KubeletVersion
	switch {
	case strings.Contains(first.Spec.ProviderID, "aks"):
		return AKS
	case strings.Contains(kubelet, "gke"):
		return GKE
	case strings.Contains(kubelet, "eks"):
		return EKS
	case strings.Contains(first.Spec.ProviderID, "kind"):
		return Kind
	}
	for _, l := range nodeLabels {
		if first.Labels[l.label] != "" {
			return l.provider
		}
	}
	return Unknown
}

// DetectCluster lists the cluster's nodes once and returns Detect's
// answer. On error the provider is Unknown and the error says why.
func DetectCluster(ctx context.Context, c kubernetes.Interface) (string, error) {
	list, err := c.CoreV1().Nodes().List(ctx, metav1.ListOptions{})
	if err != nil {
		return Unknown, fmt.Errorf("listing nodes to detect the cluster provider: %w", err)
	}
	return Detect(list.Items), nil
}

// Match reports whether provider is one of list, ignoring case, as
// Robusta's on_prometheus_alert: an empty list matches every provider,
// and an empty provider is Unknown.
func Match(list []string, provider string) bool {
	if len(list) == 0 {
		return true
	}
	if provider == "" {
		provider = Unknown
	}
	return slices.ContainsFunc(list, func(p string) bool { return strings.EqualFold(p, provider) })
}
