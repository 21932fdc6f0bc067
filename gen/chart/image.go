package chart

import (
	"fmt"
	"regexp"
	"strings"
)

type imageRef struct {
	repository, tag, digest string
}

var (
	// repoPart is one path component of a repository, or a registry host
	// with an optional port as the first.
	repoPart  = regexp.MustCompile(`^[a-zA-Z0-9]([a-zA-Z0-9._-]*[a-zA-Z0-9])?(:[0-9]+)?$`)
	imageTag  = regexp.MustCompile(`^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$`)
	digestRef = regexp.MustCompile(`^[a-z0-9]+([+._-][a-z0-9]+)*:[a-zA-Z0-9=_-]+$`)
)

// parseImage splits REPO[:TAG][@DIGEST]. A colon after the last slash
// starts the tag; one before it belongs to a registry's port.
func parseImage(ref string) (imageRef, error) {
	var r imageRef
	rest, digest, hasDigest := strings.Cut(ref, "@")
	if hasDigest {
		if !digestRef.MatchString(digest) {
			return r, fmt.Errorf("image %q: bad digest %q (want e.g. sha256:<hex>)", ref, digest)
		}
		r.digest = digest
	}
	if i := strings.LastIndex(rest, ":"); i > strings.LastIndex(rest, "/") {
		r.tag = rest[i+1:]
		rest = rest[:i]
		if !imageTag.MatchString(r.tag) {
			return r, fmt.Errorf("image %q: bad tag %q", ref, r.tag)
		}
	}
	if rest == "" {
		return r, fmt.Errorf("image %q: no repository", ref)
	}
	for i, part := range strings.Split(rest, "/") {
		if !repoPart.MatchString(part) || (i > 0 && strings.Contains(part, ":")) {
			return r, fmt.Errorf("image %q: bad repository %q", ref, rest)
		}
	}
	r.repository = rest
	return r, nil
}
