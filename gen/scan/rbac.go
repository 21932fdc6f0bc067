package scan

import (
	"go/ast"
	"go/token"
	"regexp"
	"slices"
	"strings"

	"github.com/robusta-go/robusta/gen/model"
	"github.com/robusta-go/robusta/internal/suggest"
)

var (
	rbacKeys = []string{"groups", "resources", "verbs", "resourceNames"}
	// verbs are the Kubernetes RBAC verbs, "*" included.
	verbs    = []string{"*", "approve", "bind", "create", "delete", "deletecollection", "escalate", "get", "impersonate", "list", "patch", "proxy", "sign", "update", "use", "watch"}
	group    = regexp.MustCompile(`^(\*|[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*)$`)
	resource = regexp.MustCompile(`^(\*|[a-z][a-z0-9]*(/[a-z]+)?)$`)
)

// rbac parses "groups=apps,resources=deployments,verbs=get;list". The
// comma-separated pairs may also be split over several space-separated
// words. Positions of mistakes point at the key or value at fault.
func (s *scanner) rbac(d ast.Directive, args []ast.DirectiveArg, pl place) {
	switch pl.kind {
	case floating, packageDoc, function:
	default:
		s.errorf(d.Slash, "//%s:rbac %s: it belongs at package level or in an action's doc comment", Tool, pl.describe())
		return
	}
	r := RBAC{Rule: model.RBACRule{Pos: d.Slash}, Decl: pl.fn}
	seen := map[string]bool{}
	ok := true
	for _, arg := range args {
		off := 0
		for pair := range strings.SplitSeq(arg.Arg, ",") {
			pos := arg.Pos + token.Pos(off)
			off += len(pair) + 1
			if pair == "" {
				continue
			}
			key, val, found := strings.Cut(pair, "=")
			var list *[]string
			switch key {
			case "groups":
				list = &r.Rule.Groups
			case "resources":
				list = &r.Rule.Resources
			case "verbs":
				list = &r.Rule.Verbs
			case "resourceNames":
				list = &r.Rule.ResourceNames
			default:
				s.errorf(pos, "//%s:rbac: unknown argument %q%s", Tool, key, suggestKey(key, rbacKeys, ""))
				ok = false
				continue
			}
			if !found || seen[key] {
				s.errorf(pos, "//%s:rbac: want %s=<value>[;<value>...] once", Tool, key)
				ok = false
				continue
			}
			seen[key] = true
			*list = values(val)
			ok = s.checkValues(key, val, pos+token.Pos(len(key)+1)) && ok
		}
	}
	for _, k := range rbacKeys[:3] {
		if !seen[k] {
			s.errorf(d.Slash, "//%s:rbac: missing %s= (groups=\"\" or groups=core is the core API group)", Tool, k)
			ok = false
		}
	}
	if ok {
		s.res.RBAC = append(s.res.RBAC, r)
	}
}

// values splits a ;-list; "" and core both name the core group.
func values(v string) []string {
	var out []string
	for x := range strings.SplitSeq(v, ";") {
		if x == `""` || x == "core" {
			x = ""
		}
		out = append(out, x)
	}
	return out
}

// checkValues checks the raw ;-list of key whose text starts at pos.
func (s *scanner) checkValues(key, raw string, pos token.Pos) bool {
	ok := true
	for _, v := range strings.Split(raw, ";") {
		next := pos + token.Pos(len(v)+1)
		if key == "groups" {
			v = values(v)[0]
		}
		var bad bool
		hint := ""
		switch key {
		case "groups":
			bad = v != "" && !group.MatchString(v)
		case "resources":
			bad = !resource.MatchString(v)
		case "verbs":
			bad = !slices.Contains(verbs, v)
			if c := suggest.Closest(v, verbs); c != "" { // "GET" gets get: case is ignored
				hint = " (did you mean " + c + "?)"
			}
		case "resourceNames":
			bad = v == ""
		}
		if bad {
			s.errorf(pos, "//%s:rbac: invalid %s value %q%s", Tool, strings.TrimSuffix(key, "s"), v, hint)
			ok = false
		}
		pos = next
	}
	return ok
}

// checkRBACTargets rejects a //robusta:rbac on a function that is not an
// action: the rule would be granted for no reason anyone can see.
func (s *scanner) checkRBACTargets() {
	kept := s.res.RBAC[:0]
	for _, r := range s.res.RBAC {
		if r.Decl != nil && !s.marked[r.Decl] {
			s.errorf(r.Rule.Pos, "//%s:rbac on function %s, which is not an action: put it at package level or add //%s:action", Tool, r.Decl.Name.Name, Tool)
			continue
		}
		kept = append(kept, r)
	}
	s.res.RBAC = kept
}
