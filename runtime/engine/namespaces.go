package engine

import (
	"context"
	"log/slog"
	"sync"
	"time"

	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"

	"github.com/robusta-go/robusta/runtime/api"
)

// How long the namespace labels are reused. nsTTL is Robusta's
// NAMESPACE_DATA_TTL (30 minutes). A namespace not in the cached list, one
// created since, makes a new list at most every nsMissRefresh: Robusta
// waits for the TTL, so a sink scoped by namespace_labels drops findings
// of a new namespace for up to half an hour. After a failed list the next
// try waits nsRetry, so that an API server outage is not met with a list
// per finding.
const (
	nsTTL         = 30 * time.Minute
	nsMissRefresh = time.Minute
	nsRetry       = 30 * time.Second
	nsListTimeout = 10 * time.Second
)

// namespaceLabels answers sink scopes' namespace_labels from one cached
// List of the cluster's namespaces (Robusta lists them all too, and caches
// the list). The cache is one map, replaced whole by each list, so it is
// bounded by the cluster's namespaces; it expires on the engine's clock,
// so that a replay decides as the recorded run did. Only a scope that uses
// namespace_labels calls it: other configs never list namespaces.
type namespaceLabels struct {
	cluster api.Cluster
	now     func() time.Time
	logger  *slog.Logger

	mu      sync.Mutex
	byName  map[string]map[string]string
	fetched time.Time // when byName was listed
	retryAt time.Time // after a failed list, when to try again
	warned  bool      // the no-cluster warning was logged
}

// get returns the labels of namespace ns; nil when ns is empty (a
// cluster-scoped subject), unknown, or the list failed, which then fails
// every k=v of the scope as Robusta's empty labels do.
func (n *namespaceLabels) get(ctx context.Context, ns string) map[string]string {
	if ns == "" {
		return nil
	}
	n.mu.Lock()
	defer n.mu.Unlock()
	if n.cluster == nil {
		if !n.warned {
			n.warned = true
			n.logger.Warn("a sink scope uses namespace_labels but the engine has no cluster: no namespace has labels")
		}
		return nil
	}
	now := n.now()
	labels, known := n.byName[ns]
	age := now.Sub(n.fetched)
	stale := n.byName == nil || age >= nsTTL || !known && age >= nsMissRefresh
	if stale && !now.Before(n.retryAt) {
		n.list(ctx, now)
		labels = n.byName[ns]
	}
	return labels
}

// list reads every namespace; on failure it keeps what it had.
func (n *namespaceLabels) list(ctx context.Context, now time.Time) {
	ctx, cancel := context.WithTimeout(ctx, nsListTimeout)
	defer cancel()
	l, err := n.cluster.Kubernetes().CoreV1().Namespaces().List(ctx, metav1.ListOptions{})
	if err != nil {
		n.retryAt = now.Add(nsRetry)
		n.logger.Error("listing namespaces for sink scopes' namespace_labels (the runner needs namespaces list)", "error", err, "retry_in", nsRetry.String())
		return
	}
	m := make(map[string]map[string]string, len(l.Items))
	for _, ns := range l.Items {
		m[ns.Name] = ns.Labels
	}
	n.byName, n.fetched = m, now
}
