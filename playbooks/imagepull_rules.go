package playbooks

import "regexp"

// pullReason is a known cause of a failed image pull and its fix.
type pullReason struct{ reason, fix string }

var (
	pullNotFound = pullReason{"Image not found", "Make sure the image repository, image name and image tag are correct."}
	// The link is Robusta's wording, kept so that findings read the same.
	pullUnauthorized = pullReason{"Unauthorized", "The repo is access protected. Make sure to configure the correct image pull secrets: https://kubernetes.io/docs/tasks/configure-pod-container/pull-image-private-registry"}
	pullTimeout      = pullReason{"Timeout", "If this does not resolved after a few minutes, make sure the image repository is responding."}
)

// pullRules are Robusta's (imagepull_utils.py), in its order: the first
// pattern matching the whole message gives the reason.
var pullRules = []struct {
	re     *regexp.Regexp
	reason pullReason
}{
	// containerd
	{whole(`failed to pull and unpack image ".*?": failed to resolve reference ".*?": .*?(no such host|not found)`), pullNotFound},
	{whole(`failed to pull and unpack image ".*?": failed to resolve reference ".*?": pull access denied, repository does not exist or may require authorization: server message: insufficient_scope: authorization failed`), pullUnauthorized},
	{whole(`failed to pull and unpack image ".*?": failed to resolve reference ".*?": failed to authorize: failed to fetch anonymous token: unexpected status: 403 Forbidden`), pullUnauthorized},
	// Docker
	{whole(`Error response from daemon: pull access denied for .*?, repository does not exist or may require 'docker login': denied: requested access to the resource is denied`), pullUnauthorized},
	{whole(`Error response from daemon: manifest for .*? not found: manifest unknown: manifest unknown`), pullNotFound},
	{whole(`Error response from daemon: Head ".*?": denied: Permission "artifactregistry.repositories.downloadArtifacts" denied on resource ".*?" \(or it may not exist\)`), pullUnauthorized},
	{whole(`Error response from daemon: manifest for .*? not found: manifest unknown: Failed to fetch ".*?"`), pullNotFound},
	{whole(`.*Timeout exceeded.*`), pullTimeout},
}

// whole compiles re to match a whole string, as Python's re.fullmatch.
func whole(re string) *regexp.Regexp { return regexp.MustCompile(`^(?:` + re + `)$`) }

// classifyPullError returns the known reason for the runtime's message, or
// the zero pullReason when it is not a known one.
func classifyPullError(msg string) pullReason {
	for _, r := range pullRules {
		if r.re.MatchString(msg) {
			return r.reason
		}
	}
	return pullReason{}
}
