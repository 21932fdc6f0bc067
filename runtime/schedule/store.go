package schedule

import (
	"context"
	"encoding/json"
	"fmt"
	"maps"
	"slices"
	"time"

	corev1 "k8s.io/api/core/v1"
	apierrors "k8s.io/apimachinery/pkg/api/errors"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/util/wait"
	"k8s.io/client-go/kubernetes"
	"k8s.io/client-go/util/retry"
)

// DefaultConfigMap is the ConfigMap ConfigMapStore uses by default.
const DefaultConfigMap = "robusta-scheduled-jobs"

// State is what persists of a job.
type State struct {
	// Playbook is the playbook's name when the state was written, for
	// people reading the ConfigMap.
	Playbook string    `json:"playbook,omitempty"`
	Runs     int       `json:"runs"`
	LastRun  time.Time `json:"last_run,omitzero"`
}

// Store keeps the jobs' states.
type Store interface {
	// Load returns every stored state by job ID. An entry that cannot be
	// read is left out and described in skipped, so that one corrupt key
	// costs its job's count, not every schedule; err is for the store
	// itself failing.
	Load(ctx context.Context) (states map[string]State, skipped []error, err error)
	// Save stores one job's state.
	Save(ctx context.Context, id string, st State) error
	// Prune removes the state of every job for which keep is false and
	// returns their IDs.
	Prune(ctx context.Context, keep func(id string) bool) (removed []string, err error)
}

// saveBackoff spaces the retries of a Save that lost a race with another
// job's Save: every job writes to the one ConfigMap.
var saveBackoff = wait.Backoff{Steps: 10, Duration: 10 * time.Millisecond, Factor: 2, Jitter: 0.5, Cap: 2 * time.Second}

// ConfigMapStore keeps the states in a ConfigMap, one key per job ID.
type ConfigMapStore struct {
	Client    kubernetes.Interface
	Namespace string
	Name      string // default DefaultConfigMap
}

func (s *ConfigMapStore) name() string {
	if s.Name == "" {
		return DefaultConfigMap
	}
	return s.Name
}

// Load implements Store. A missing ConfigMap is no state. The ConfigMap
// can be edited by hand, so a key whose value is not a State is skipped.
func (s *ConfigMapStore) Load(ctx context.Context) (map[string]State, []error, error) {
	cm, err := s.Client.CoreV1().ConfigMaps(s.Namespace).Get(ctx, s.name(), metav1.GetOptions{})
	if apierrors.IsNotFound(err) {
		return map[string]State{}, nil, nil
	}
	if err != nil {
		return nil, nil, fmt.Errorf("reading ConfigMap %s/%s: %w", s.Namespace, s.name(), err)
	}
	states := make(map[string]State, len(cm.Data))
	var skipped []error
	for _, id := range slices.Sorted(maps.Keys(cm.Data)) {
		st, err := decodeState(cm.Data[id])
		if err != nil {
			skipped = append(skipped, fmt.Errorf("ConfigMap %s/%s key %s: %w", s.Namespace, s.name(), id, err))
			continue
		}
		states[id] = st
	}
	return states, skipped, nil
}

// decodeState reads one stored state, refusing what a Save never writes.
func decodeState(v string) (State, error) {
	var st State
	if err := json.Unmarshal([]byte(v), &st); err != nil {
		return State{}, fmt.Errorf("decoding the state: %w", err)
	}
	if st.Runs < 0 {
		return State{}, fmt.Errorf("runs is %d, below 0", st.Runs)
	}
	return st, nil
}

// Prune implements Store: one read-modify-write of the ConfigMap, retried
// on conflict. A missing ConfigMap has nothing to prune.
func (s *ConfigMapStore) Prune(ctx context.Context, keep func(id string) bool) ([]string, error) {
	cms := s.Client.CoreV1().ConfigMaps(s.Namespace)
	var removed []string
	err := retry.OnError(saveBackoff, apierrors.IsConflict, func() error {
		removed = nil
		cm, err := cms.Get(ctx, s.name(), metav1.GetOptions{})
		if apierrors.IsNotFound(err) {
			return nil
		}
		if err != nil {
			return err
		}
		for _, id := range slices.Sorted(maps.Keys(cm.Data)) {
			if !keep(id) {
				removed = append(removed, id)
				delete(cm.Data, id)
			}
		}
		if len(removed) == 0 {
			return nil
		}
		_, err = cms.Update(ctx, cm, metav1.UpdateOptions{})
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("pruning ConfigMap %s/%s: %w", s.Namespace, s.name(), err)
	}
	return removed, nil
}

// Save implements Store: a read-modify-write of the key, creating the
// ConfigMap if needed, retried on conflict.
func (s *ConfigMapStore) Save(ctx context.Context, id string, st State) error {
	b, err := json.Marshal(st)
	if err != nil {
		return fmt.Errorf("encoding the state of job %s: %w", id, err)
	}
	cms := s.Client.CoreV1().ConfigMaps(s.Namespace)
	retriable := func(err error) bool { return apierrors.IsConflict(err) || apierrors.IsAlreadyExists(err) }
	err = retry.OnError(saveBackoff, retriable, func() error {
		cm, err := cms.Get(ctx, s.name(), metav1.GetOptions{})
		if apierrors.IsNotFound(err) {
			cm = &corev1.ConfigMap{
				ObjectMeta: metav1.ObjectMeta{Name: s.name(), Namespace: s.Namespace,
					Labels: map[string]string{"app.kubernetes.io/managed-by": "robusta-runner"}},
				Data: map[string]string{id: string(b)},
			}
			_, err = cms.Create(ctx, cm, metav1.CreateOptions{})
			return err
		}
		if err != nil {
			return err
		}
		if cm.Data == nil {
			cm.Data = map[string]string{}
		}
		cm.Data[id] = string(b)
		_, err = cms.Update(ctx, cm, metav1.UpdateOptions{})
		return err
	})
	if err != nil {
		return fmt.Errorf("saving job %s to ConfigMap %s/%s: %w", id, s.Namespace, s.name(), err)
	}
	return nil
}
