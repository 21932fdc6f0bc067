package playbooks

import (
	"context"
	"fmt"
	"log/slog"

	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/client-go/kubernetes"

	"github.com/robusta-go/robusta/runtime/api"
)

// dnsNamespace is where the Prometheus stack's CoreDNS / kube-dns targets
// live, and where Robusta looks for their Service.
const dnsNamespace = "kube-system"

// TargetDownDNSSilencer silences a TargetDown alert of the coredns or
// kube-dns job that is a misconfiguration rather than an outage: the
// Service the alert names does not exist in kube-system, or the other DNS
// (kube-dns for coredns, and the other way round) is the one deployed.
// Other TargetDown alerts go on: an existing DNS that cannot be scraped is
// worth reporting.
//
//robusta:action
func TargetDownDNSSilencer(ctx context.Context, event *api.PrometheusAlertEvent) error {
	labels := event.Alert.Labels
	job, service := labels["job"], labels["service"]
	if job != "coredns" && job != "kube-dns" {
		return nil
	}
	c := event.Execution().Cluster()
	if c == nil {
		return api.ErrNoCluster
	}
	k := c.Kubernetes()
	other := "coredns"
	if job == "coredns" {
		other = "kube-dns"
	}
	// Robusta reads the alert's namespace label and fails without one; the
	// DNS deployments are in kube-system, so that is asked instead.
	ns := labels["namespace"]
	if ns == "" {
		ns = dnsNamespace
	}
	wrong, err := hasDNSDeployment(ctx, k, ns, other)
	if err != nil {
		return err
	}
	if wrong {
		silenceTargetDown(event, job, other+" should be configured instead")
		return nil
	}
	svcs, err := k.CoreV1().Services(dnsNamespace).List(ctx, metav1.ListOptions{})
	if err != nil {
		return fmt.Errorf("listing the services of %s: %w", dnsNamespace, err)
	}
	for _, s := range svcs.Items {
		if s.Name == service {
			return nil // the DNS exists but is not reachable: a real alert
		}
	}
	silenceTargetDown(event, job, "Service "+service+" not found.")
	return nil
}

// hasDNSDeployment reports whether namespace has a Deployment of the DNS
// named job, by the labels Robusta tries.
func hasDNSDeployment(ctx context.Context, k kubernetes.Interface, namespace, job string) (bool, error) {
	for _, sel := range []string{"k8s-app=" + job, "app.kubernetes.io/name=" + job, "app=" + job} {
		l, err := k.AppsV1().Deployments(namespace).List(ctx, metav1.ListOptions{LabelSelector: sel})
		if err != nil {
			return false, fmt.Errorf("listing deployments %s in %s: %w", sel, namespace, err)
		}
		if len(l.Items) > 0 {
			return true, nil
		}
	}
	return false, nil
}

func silenceTargetDown(event *api.PrometheusAlertEvent, job, reason string) {
	slog.Info("Misconfigured target "+job+" silenced", "reason", reason, "alert", event.Alert.Name)
	event.Execution().StopProcessing()
}
