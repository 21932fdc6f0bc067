package cache

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"
)

// RacyWindow is how recent a file's modification may be, relative to the
// start of the run it is recorded for, before the run is not cached: wide
// enough for filesystems that keep mtimes to the second (or two, FAT).
const RacyWindow = 2 * time.Second

// absent is the sum of a file that must not exist.
const absent = "absent"

// Manifest is what an answer was computed from.
type Manifest struct {
	// Files map a path to its content's sum, or "absent".
	Files map[string]string `json:"files"`
	// Dirs map a directory and patterns ("dir\x00*.go\x00go.mod", see
	// Recorder.Dir) to a sum of its matching entries' names.
	Dirs map[string]string `json:"dirs"`
	// Outputs map a path to the sum of what the run wrote there.
	Outputs map[string]string `json:"outputs"`
}

// Recorder collects a Manifest while a run's inputs are known.
type Recorder struct {
	start time.Time
	m     Manifest
	// why is the first reason the manifest cannot be trusted.
	why string
}

// NewRecorder records inputs for a run that started at start.
func NewRecorder(start time.Time) *Recorder {
	return &Recorder{start: start, m: Manifest{Files: map[string]string{}, Dirs: map[string]string{}, Outputs: map[string]string{}}}
}

// Fail marks the manifest unusable, for a reason a caller found.
func (r *Recorder) Fail(format string, args ...any) {
	if r.why == "" {
		r.why = fmt.Sprintf(format, args...)
	}
}

// File records path's content, or that it does not exist. A path already
// recorded as an output is not an input too: it was just written, and its
// content is checked as an output.
func (r *Recorder) File(path string) {
	if _, ok := r.m.Files[path]; ok {
		return
	}
	if _, ok := r.m.Outputs[path]; ok {
		return
	}
	sum, err := fileSum(path)
	if err != nil {
		r.Fail("%v", err)
		return
	}
	// Stat after reading: an old mtime now means no write since before
	// the run started, so the run read what was hashed.
	if sum != absent {
		if info, err := os.Stat(path); err != nil {
			r.Fail("%v", err)
		} else if info.ModTime().After(r.start.Add(-RacyWindow)) {
			r.Fail("%s changed during the run", path)
		}
	}
	r.m.Files[path] = sum
}

// Output records that the run wrote data to path.
func (r *Recorder) Output(path string, data []byte) {
	r.m.Outputs[path] = sum(data)
}

// Dir records the names of dir's entries that match one of patterns
// (filepath.Match, against the name; a subdirectory's name ends in "/", so
// "*/" matches them all). Names starting with "." or "_" are left out, as
// the go command ignores them; so are editors' temporary files.
func (r *Recorder) Dir(dir string, patterns ...string) {
	key := dirKey(dir, patterns)
	if _, ok := r.m.Dirs[key]; ok {
		return
	}
	s, err := dirSum(dir, patterns)
	if err != nil {
		r.Fail("%v", err)
		return
	}
	r.m.Dirs[key] = s
}

// Manifest returns what was recorded, or why it cannot be trusted.
func (r *Recorder) Manifest() (*Manifest, error) {
	if r.why != "" {
		return nil, errors.New(r.why)
	}
	return &r.m, nil
}

// Check says whether every input and output is as recorded; when not, the
// reason names the first difference.
func (m *Manifest) Check() (ok bool, reason string) {
	if m == nil || m.Files == nil || m.Dirs == nil || m.Outputs == nil {
		return false, "incomplete entry"
	}
	for _, path := range slices.Sorted(maps.Keys(m.Dirs)) {
		dir, patterns := splitDirKey(path)
		if s, err := dirSum(dir, patterns); err != nil || s != m.Dirs[path] {
			return false, "the entries of " + dir + " changed"
		}
	}
	for _, files := range []map[string]string{m.Files, m.Outputs} {
		for _, path := range slices.Sorted(maps.Keys(files)) {
			if s, err := fileSum(path); err != nil || s != files[path] {
				return false, path + " changed"
			}
		}
	}
	return true, ""
}

func fileSum(path string) (string, error) {
	data, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		return absent, nil
	}
	if err != nil {
		return "", fmt.Errorf("hashing an input: %w", err)
	}
	return sum(data), nil
}

func dirSum(dir string, patterns []string) (string, error) {
	entries, err := os.ReadDir(dir)
	if errors.Is(err, fs.ErrNotExist) {
		return absent, nil
	}
	if err != nil {
		return "", fmt.Errorf("listing an input directory: %w", err)
	}
	var names []string
	for _, e := range entries {
		n := e.Name()
		if strings.HasPrefix(n, ".") || strings.HasPrefix(n, "_") {
			continue
		}
		if e.IsDir() {
			n += "/"
		}
		for _, p := range patterns {
			if ok, _ := filepath.Match(p, n); ok {
				names = append(names, n)
				break
			}
		}
	}
	return sum([]byte(strings.Join(names, "\n"))), nil
}

func dirKey(dir string, patterns []string) string {
	return strings.Join(append([]string{dir}, patterns...), "\x00")
}

func splitDirKey(key string) (string, []string) {
	parts := strings.Split(key, "\x00")
	return parts[0], parts[1:]
}

func sum(data []byte) string {
	s := sha256.Sum256(data)
	return hex.EncodeToString(s[:])
}
