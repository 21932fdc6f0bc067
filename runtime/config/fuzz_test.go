package config

import (
	"errors"
	"os"
	"path/filepath"
	"testing"
)

// FuzzLoad: Load never panics, and a failure is a non-empty ErrorList of
// positioned, sorted, distinct problems.
func FuzzLoad(f *testing.F) {
	for _, tc := range mistakes {
		f.Add([]byte(tc.values))
	}
	files, _ := filepath.Glob("testdata/*.yaml")
	files = append(files, conformanceValues)
	for _, name := range files {
		if data, err := os.ReadFile(name); err == nil {
			f.Add(data)
		}
	}
	set := testActions(f)
	f.Fuzz(func(t *testing.T, data []byte) {
		cfg, err := Load("fuzz.yaml", data, set, WithEnv(testEnv))
		if err == nil {
			if cfg == nil {
				t.Fatal("Load returned neither a config nor an error")
			}
			return
		}
		if cfg != nil {
			t.Fatal("Load returned a config and an error")
		}
		var list ErrorList
		if !errors.As(err, &list) || len(list) == 0 {
			t.Fatalf("error is %T %v, want a non-empty ErrorList", err, err)
		}
		for i, e := range list {
			if e.Pos.File != "fuzz.yaml" || e.Pos.Line < 1 || e.Pos.Col < 1 || e.Msg == "" {
				t.Fatalf("problem %d has no position or message: %#v", i, e)
			}
			if i > 0 {
				p := list[i-1]
				if p.Pos.Line > e.Pos.Line || p.Pos.Line == e.Pos.Line && p.Pos.Col > e.Pos.Col {
					t.Fatalf("problems out of order: %v before %v", p, e)
				}
				if *p == *e {
					t.Fatalf("problem reported twice: %v", e)
				}
			}
		}
	})
}
