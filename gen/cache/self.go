package cache

import (
	"debug/elf"
	"fmt"
	"os"
	"sync"
)

// Executable identifies the running binary: the Go build ID of its ELF
// note, which the linker derives from everything compiled into it, or
// else (another object format) a hash of the whole file. A generator
// rebuilt from changed sources, templates or dependencies thus never
// trusts the entries of the one before.
var Executable = sync.OnceValues(func() (string, error) {
	exe, err := os.Executable()
	if err != nil {
		return "", fmt.Errorf("locating the generator: %w", err)
	}
	if f, err := elf.Open(exe); err == nil {
		defer f.Close()
		if s := f.Section(".note.go.buildid"); s != nil {
			if data, err := s.Data(); err == nil && len(data) > 0 {
				return "go build id " + sum(data), nil
			}
		}
	}
	s, err := fileSum(exe)
	if err != nil || s == absent {
		return "", fmt.Errorf("identifying the generator: %v", err)
	}
	return "sha256 " + s, nil
})
