//go:build tools

// Package tools pins helm's command for .ci/install-tools.sh.
package tools

import _ "helm.sh/helm/v3/cmd/helm"
