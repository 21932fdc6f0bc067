package cache

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"
)

// EnvVar overrides Dir's default; "off" turns the cache off.
const EnvVar = "ROBUSTA_GEN_CACHE"

// version changes when an entry's meaning does: older entries then miss.
const version = "robusta-gen cache 1"

// Dir is where entries live: $ROBUSTA_GEN_CACHE, else
// <user cache dir>/robusta-go/gen; "" when the cache is off or there is no
// user cache directory.
func Dir() string {
	if d := os.Getenv(EnvVar); d != "" {
		if d == "off" {
			return ""
		}
		return d
	}
	base, err := os.UserCacheDir()
	if err != nil {
		return ""
	}
	return filepath.Join(base, "robusta-go", "gen")
}

// Key names an entry by the question it answers.
func Key(parts ...string) string {
	return sum([]byte(strings.Join(parts, "\x00")))[:32]
}

type entry[T any] struct {
	Version  string    `json:"version"`
	Params   string    `json:"params"`
	Manifest *Manifest `json:"manifest"`
	Value    T         `json:"value"`
}

// Lookup returns the value stored under key in dir when its params are
// params and its manifest checks. Otherwise reason says why not: no entry,
// an unreadable or corrupt one (never an error: the run just does the
// work), other params, or the input that changed.
func Lookup[T any](dir, key, params string) (v T, ok bool, reason string) {
	data, err := os.ReadFile(filepath.Join(dir, key+".json"))
	if err != nil {
		return v, false, "no entry"
	}
	var e entry[T]
	if err := json.Unmarshal(data, &e); err != nil {
		return v, false, "corrupt entry"
	}
	if e.Version != version || e.Params != params {
		return v, false, "the generator or the environment changed"
	}
	if ok, why := e.Manifest.Check(); !ok {
		return v, false, why
	}
	// A hit marks the entry used, so that Save's pruning keeps it.
	now := time.Now()
	os.Chtimes(filepath.Join(dir, key+".json"), now, now)
	return e.Value, true, ""
}

// unused is how long an entry survives without a hit or a save: each
// temporary directory a test generates in gets its own key.
const unused = 14 * 24 * time.Hour

// prune removes the entries of dir unused for longer than unused.
func prune(dir string) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return
	}
	for _, e := range entries {
		if info, err := e.Info(); err == nil && !e.IsDir() && time.Since(info.ModTime()) > unused {
			os.Remove(filepath.Join(dir, e.Name()))
		}
	}
}

// Save stores v under key in dir, replacing the file whole so that a
// concurrent Lookup reads the old entry or the new one, never a mix.
func Save[T any](dir, key, params string, m *Manifest, v T) error {
	data, err := json.Marshal(entry[T]{Version: version, Params: params, Manifest: m, Value: v})
	if err != nil {
		return fmt.Errorf("encoding a cache entry: %w", err)
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return fmt.Errorf("creating the cache: %w", err)
	}
	tmp, err := os.CreateTemp(dir, ".tmp-"+key+"-*")
	if err != nil {
		return fmt.Errorf("writing a cache entry: %w", err)
	}
	defer os.Remove(tmp.Name()) // a no-op once renamed
	if _, err := tmp.Write(data); err != nil {
		tmp.Close()
		return fmt.Errorf("writing a cache entry: %w", err)
	}
	if err := tmp.Close(); err != nil {
		return fmt.Errorf("writing a cache entry: %w", err)
	}
	if err := os.Rename(tmp.Name(), filepath.Join(dir, key+".json")); err != nil {
		return fmt.Errorf("writing a cache entry: %w", err)
	}
	prune(dir)
	return nil
}
