package schedule

import (
	"context"
	"encoding/json"
	"fmt"
	"maps"
	"sync"
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
	// Load returns every stored state by job ID.
	Load(ctx context.Context) (map[string]State, error)
	// Save stores one job's state.
	Save(ctx context.Context, id string, st State) error
}

// MemoryStore is a Store in memory.
type MemoryStore struct {
	mu     sync.Mutex
	states map[string]State
}

// Load implements Store.
func (m *MemoryStore) Load(context.Context) (map[string]State, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	return maps.Clone(m.states), nil
}

// Save implements Store.
func (m *MemoryStore) Save(_ context.Context, id string, st State) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.states == nil {
		m.states = map[string]State{}
	}
	m.states[id] = st
	return nil
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

// Load implements Store. A missing ConfigMap is no state.
func (s *ConfigMapStore) Load(ctx context.Context) (map[string]State, error) {
	cm, err := s.Client.CoreV1().ConfigMaps(s.Namespace).Get(ctx, s.name(), metav1.GetOptions{})
	if apierrors.IsNotFound(err) {
		return map[string]State{}, nil
	}
	if err != nil {
		return nil, fmt.Errorf("reading ConfigMap %s/%s: %w", s.Namespace, s.name(), err)
	}
	states := make(map[string]State, len(cm.Data))
	for id, v := range cm.Data {
		var st State
		if err := json.Unmarshal([]byte(v), &st); err != nil {
			return nil, fmt.Errorf("reading ConfigMap %s/%s key %s: %w", s.Namespace, s.name(), id, err)
		}
		states[id] = st
	}
	return states, nil
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
