#!/usr/bin/env bash
# Installs the test control plane (kube-apiserver, etcd, kubectl) into a
# cache outside the clone, keyed by the pinned versions, and prints the
# directory to use as KUBEBUILDER_ASSETS.
#
# setup-envtest cannot download on a machine that reaches only the Go module
# proxy, so the binaries are built from source modules pinned in
# .ci/tools/{kubernetes,etcd}. A cold build takes a few minutes on two cores;
# once built, the directory is reused until a pinned version changes.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
cache="${ROBUSTA_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/robusta-go}"

# The key covers every pinned module, so any version bump rebuilds.
key=$(cat "$here"/tools/kubernetes/go.sum "$here"/tools/etcd/go.sum | sha256sum | cut -c1-12)
dest="$cache/control-plane/$key"
if [ -x "$dest/kube-apiserver" ] && [ -x "$dest/etcd" ] && [ -x "$dest/kubectl" ]; then
	echo "$dest"
	exit 0
fi

mkdir -p "$dest.tmp"
build() { # module dir, output name, package
	(cd "$here/tools/$1" && CGO_ENABLED=0 go build -mod=mod -trimpath -o "$dest.tmp/$2" "$3") >&2
}
echo "building the test control plane into $dest (first run only)" >&2
build kubernetes kube-apiserver k8s.io/kubernetes/cmd/kube-apiserver
build kubernetes kubectl k8s.io/kubernetes/cmd/kubectl
build etcd etcd go.etcd.io/etcd/server/v3
rm -rf "$dest" && mv "$dest.tmp" "$dest"
echo "$dest"
