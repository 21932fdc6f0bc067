// Package providers detects the cluster's provider (GKE, EKS, Kind, ...)
// from its nodes, as Robusta's cluster_provider_discovery does, for
// on_prometheus_alert's k8s_providers.
//
// Design notes:
//
//   - Names and order are Robusta's (ClusterProviderType): a
//     kubernetes.io/hostname label of any node matching .*kind.* or
//     .*rancher-desktop.*; the first node's spec.providerID containing
//     "aks"; its kubeletVersion containing "gke", then "eks"; its providerID
//     containing "kind"; then its labels minikube.k8s.io/name,
//     doks.digitalocean.com/version, kops.k8s.io/instancegroup,
//     k8s.scaleway.com/kapsule. Nothing matched (or no nodes) is Unknown.
//   - The runner detects once at start, with one node List, as Robusta
//     does; a failed List (RBAC, a timeout) logs and leaves Unknown, which
//     no k8s_providers list matches unless it names Unknown.
//   - Names compare case-insensitively (Robusta lowercases both sides).
package providers
