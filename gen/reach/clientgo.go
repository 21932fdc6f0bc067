package reach

import (
	"go/types"
	"strings"

	"github.com/robusta-go/robusta/gen/model"
	"github.com/robusta-go/robusta/runtime/kinds"
)

// typedPrefix is where client-go's typed clients live:
// typed/<group>/<version>, one <Kind>Interface per resource.
const typedPrefix = "k8s.io/client-go/kubernetes/typed/"

// clientVerbs are the typed clients' methods that call the API server,
// with the verb and the subresource they need ("" for the resource).
var clientVerbs = map[string]struct{ verb, sub string }{
	"Get":                       {"get", ""},
	"List":                      {"list", ""},
	"Watch":                     {"watch", ""},
	"Create":                    {"create", ""},
	"Update":                    {"update", ""},
	"UpdateStatus":              {"update", "status"},
	"Patch":                     {"patch", ""},
	"Apply":                     {"patch", ""},
	"ApplyStatus":               {"patch", "status"},
	"Delete":                    {"delete", ""},
	"DeleteCollection":          {"deletecollection", ""},
	"GetScale":                  {"get", "scale"},
	"UpdateScale":               {"update", "scale"},
	"ApplyScale":                {"patch", "scale"},
	"GetLogs":                   {"get", "log"},
	"Evict":                     {"create", "eviction"},
	"EvictV1":                   {"create", "eviction"},
	"EvictV1beta1":              {"create", "eviction"},
	"Bind":                      {"create", "binding"},
	"UpdateEphemeralContainers": {"update", "ephemeralcontainers"},
	"UpdateResize":              {"update", "resize"},
	"ProxyGet":                  {"get", "proxy"},
}

// groups maps client-go's package names to API groups where they differ;
// the others are the name itself or name.k8s.io (groupOf).
var groups = map[string]string{
	"core":                  "",
	"apps":                  "apps",
	"batch":                 "batch",
	"autoscaling":           "autoscaling",
	"policy":                "policy",
	"flowcontrol":           "flowcontrol.apiserver.k8s.io",
	"apiserverinternal":     "internal.apiserver.k8s.io",
	"admissionregistration": "admissionregistration.k8s.io",
	"rbac":                  "rbac.authorization.k8s.io",
}

// clientRule is the rule a typed client method fn needs, if it is one.
func clientRule(fn *types.Func) (model.RBACRule, bool) {
	sig, _ := fn.Type().(*types.Signature)
	if sig == nil || sig.Recv() == nil || fn.Pkg() == nil || !strings.HasPrefix(fn.Pkg().Path(), typedPrefix) {
		return model.RBACRule{}, false
	}
	named, _ := types.Unalias(sig.Recv().Type()).(*types.Named)
	if p, ok := types.Unalias(sig.Recv().Type()).(*types.Pointer); ok {
		named, _ = types.Unalias(p.Elem()).(*types.Named)
	}
	v, isVerb := clientVerbs[fn.Name()]
	if named == nil || !isVerb {
		return model.RBACRule{}, false
	}
	// Most methods are on <Kind>Interface; the hand-written ones (a pod's
	// EvictV1, GetLogs, Bind) are on <Kind>Expansion, which it embeds.
	name := named.Obj().Name()
	kind, ok := strings.CutSuffix(name, "Interface")
	if !ok {
		kind, ok = strings.CutSuffix(name, "Expansion")
	}
	if !ok || kind == "" || strings.HasSuffix(kind, "Expansion") {
		return model.RBACRule{}, false
	}
	group, _, _ := strings.Cut(strings.TrimPrefix(fn.Pkg().Path(), typedPrefix), "/")
	resource := resourceOf(kind)
	if v.sub != "" {
		resource += "/" + v.sub
	}
	return model.RBACRule{Groups: []string{groupOf(group)}, Resources: []string{resource}, Verbs: []string{v.verb}}, true
}

func groupOf(pkg string) string {
	if g, ok := groups[pkg]; ok {
		return g
	}
	return pkg + ".k8s.io"
}

// resourceOf is a kind's resource: from runtime/kinds when it knows the
// kind, else the lower-case plural by the API's own rules (client-go's
// generator names clients after the kind).
func resourceOf(kind string) string {
	for _, k := range kinds.All {
		if k.Name == kind {
			return k.Resource
		}
	}
	r := strings.ToLower(kind)
	switch {
	case strings.HasSuffix(r, "s"), strings.HasSuffix(r, "x"), strings.HasSuffix(r, "ch"), strings.HasSuffix(r, "sh"):
		return r + "es"
	case strings.HasSuffix(r, "y") && !strings.ContainsAny(r[len(r)-2:len(r)-1], "aeiou"):
		return r[:len(r)-1] + "ies"
	}
	return r + "s"
}
