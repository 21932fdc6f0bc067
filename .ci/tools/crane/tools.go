//go:build tools

// Package tools pins crane's command for .ci/install-tools.sh.
package tools

import _ "github.com/google/go-containerregistry/cmd/crane"
