package runner

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"log/slog"
	"os"

	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	coordinationv1 "k8s.io/client-go/kubernetes/typed/coordination/v1"
	"k8s.io/client-go/rest"
	"k8s.io/client-go/tools/leaderelection"
	"k8s.io/client-go/tools/leaderelection/resourcelock"
)

// election is this replica's candidacy for the Lease. Run waits on its two
// channels; nothing else of the runner knows about client-go's elector.
type election struct {
	elector  *leaderelection.LeaderElector
	identity string
	lease    string // namespace/name, for logs and errors

	elected chan struct{} // closed when this replica leads
	done    chan struct{} // closed when the elector stopped: leadership lost or released
	cancel  context.CancelFunc
}

// newElection prepares a candidacy for the Lease f.LeaseName in namespace.
// Nothing happens until start.
//
// The Lease gets a client of its own, built from rc: a client-go client
// rate-limits all its requests together, and a leader whose actions fetch
// logs and events must not miss renewals queued behind them (and lose the
// Lease for being busy). controller-runtime does the same.
func newElection(rc *rest.Config, namespace string, f ElectionFlags, logger *slog.Logger) (*election, error) {
	id, err := identity(os.Getenv, os.Hostname)
	if err != nil {
		return nil, err
	}
	client, err := coordinationv1.NewForConfig(rest.CopyConfig(rc))
	if err != nil {
		return nil, fmt.Errorf("leader election client: %w", err)
	}
	e := &election{identity: id, lease: namespace + "/" + f.LeaseName, elected: make(chan struct{}), done: make(chan struct{})}
	lock := &resourcelock.LeaseLock{
		LeaseMeta:  metav1.ObjectMeta{Namespace: namespace, Name: f.LeaseName},
		Client:     client,
		LockConfig: resourcelock.ResourceLockConfig{Identity: id},
	}
	e.elector, err = leaderelection.NewLeaderElector(leaderelection.LeaderElectionConfig{
		Lock:          lock,
		Name:          f.LeaseName,
		LeaseDuration: f.LeaseDuration,
		RenewDeadline: f.RenewDeadline,
		RetryPeriod:   f.RetryPeriod,
		// A replica that stops hands the Lease over at once rather than
		// leaving the others to wait out LeaseDuration. It is safe because
		// release (below) cancels the elector only once intake has stopped:
		// what is still draining was taken by this replica, and the next
		// leader never sees those events again.
		ReleaseOnCancel: true,
		Callbacks: leaderelection.LeaderCallbacks{
			OnStartedLeading: func(context.Context) { close(e.elected) },
			OnStoppedLeading: func() {}, // Run learns it from done
			OnNewLeader: func(leader string) {
				logger.Info("leader observed", "lease", e.lease, "leader", leader, "self", leader == id)
			},
		},
	})
	if err != nil {
		return nil, fmt.Errorf("leader election: %w", err)
	}
	return e, nil
}

// start runs the candidacy until release. Its context is deliberately not
// the runner's: a SIGTERM must not release the Lease before intake stops.
func (e *election) start() {
	ctx, cancel := context.WithCancel(context.Background())
	e.cancel = cancel
	go func() {
		defer close(e.done)
		e.elector.Run(ctx)
	}()
}

// release stops the candidacy and, if this replica leads, marks the Lease
// free; it returns once that is written (client-go bounds the write by
// RenewDeadline). Safe to call when start was not.
func (e *election) release() {
	if e.cancel == nil {
		return
	}
	e.cancel()
	<-e.done
}

// identity names this replica in the Lease: the pod's name ($POD_NAME, from
// the downward API, else the hostname, which is the pod's name too), plus
// a random suffix, so that a restarted container never mistakes its
// predecessor's record for its own.
func identity(getenv func(string) string, hostname func() (string, error)) (string, error) {
	name := getenv("POD_NAME")
	if name == "" {
		h, err := hostname()
		if err != nil {
			return "", fmt.Errorf("leader election identity: %w", err)
		}
		name = h
	}
	var b [4]byte
	_, _ = rand.Read(b[:]) // never fails (crypto/rand documents it)
	return name + "_" + hex.EncodeToString(b[:]), nil
}
