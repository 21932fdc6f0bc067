#!/usr/bin/env bash
# Installs the tools the chart and image tests drive — helm, crane and
# yaml-language-server — into a cache outside the clone, keyed by their
# pinned versions, and prints the directory to use as ROBUSTA_TOOLS:
#
#	$ROBUSTA_TOOLS/bin/helm
#	$ROBUSTA_TOOLS/bin/crane
#	$ROBUSTA_TOOLS/bin/yaml-language-server
#
# helm and crane are built from the modules pinned in .ci/tools/{helm,crane}
# (only the Go module proxy is reachable, so no release downloads);
# yaml-language-server comes from npm at the version locked in
# .ci/tools/yaml-language-server.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
cache="${ROBUSTA_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/robusta-go}"

key=$(cat "$0" "$here"/tools/helm/go.sum "$here"/tools/crane/go.sum \
	"$here"/tools/yaml-language-server/package-lock.json | sha256sum | cut -c1-12)
dest="$cache/tools/$key"
if [ -x "$dest/bin/helm" ] && [ -x "$dest/bin/crane" ] && [ -x "$dest/bin/yaml-language-server" ]; then
	echo "$dest"
	exit 0
fi

echo "installing helm, crane and yaml-language-server into $dest (first run only)" >&2
rm -rf "$dest.tmp" && mkdir -p "$dest.tmp/bin"

# helm's Makefile sets its version and the Kubernetes version it reports to
# templates with -X; a plain go build would say v3 "unknown" and Kubernetes
# v1.20, and charts gated on kubeVersion would misbehave.
helm_version=$(cd "$here/tools/helm" && go list -m -f '{{.Version}}' helm.sh/helm/v3)
k8s_minor=$(cd "$here/tools/helm" && go list -m -f '{{.Version}}' k8s.io/client-go | cut -d. -f2)
ldflags="-s -w -X helm.sh/helm/v3/internal/version.version=$helm_version"
for pkg in helm.sh/helm/v3/pkg/lint/rules helm.sh/helm/v3/pkg/chartutil; do
	ldflags="$ldflags -X $pkg.k8sVersionMajor=1 -X $pkg.k8sVersionMinor=$k8s_minor"
done
(cd "$here/tools/helm" && CGO_ENABLED=0 go build -mod=mod -trimpath -ldflags "$ldflags" \
	-o "$dest.tmp/bin/helm" helm.sh/helm/v3/cmd/helm) >&2
(cd "$here/tools/crane" && CGO_ENABLED=0 go build -mod=mod -trimpath -ldflags "-s -w" \
	-o "$dest.tmp/bin/crane" github.com/google/go-containerregistry/cmd/crane) >&2

cp "$here/tools/yaml-language-server/package.json" "$here/tools/yaml-language-server/package-lock.json" "$dest.tmp/"
(cd "$dest.tmp" && npm ci --no-audit --no-fund --loglevel=error) >&2
ln -s ../node_modules/.bin/yaml-language-server "$dest.tmp/bin/yaml-language-server"

rm -rf "$dest" && mv "$dest.tmp" "$dest"
echo "$dest"
