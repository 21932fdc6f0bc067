package emit

import (
	"cmp"
	"go/types"
	"slices"
	"strconv"

	"github.com/robusta-go/robusta/gen/model"
	"github.com/robusta-go/robusta/internal/modpath"
)

// Import paths the registry file refers to besides api and the params'.
const (
	registryPath = modpath.Registry
	contextPath  = "context"
)

// imports picks the alias of every package the file imports: the
// package's own name, numbered when it is taken by another import or by a
// package-level name of pkg (an alias and a package-level identifier
// cannot share a name). Paths are visited in sorted order, so the choice
// does not depend on discovery order.
func imports(pkg *types.Package, apiPath string, actions []*model.Action) map[string]string {
	names := map[string]string{contextPath: "context", apiPath: "api", registryPath: "registry"}
	for _, a := range actions {
		if a.Params != nil {
			if p := a.Params.Obj().Pkg(); p != pkg {
				names[p.Path()] = p.Name()
			}
		}
	}
	paths := make([]string, 0, len(names))
	for p := range names {
		paths = append(paths, p)
	}
	// The runtime's packages first, so that they keep their plain names.
	slices.SortFunc(paths, func(a, b string) int {
		return cmp.Or(cmp.Compare(rank(a, apiPath), rank(b, apiPath)), cmp.Compare(a, b))
	})
	used := map[string]bool{}
	aliases := map[string]string{}
	for _, p := range paths {
		aliases[p] = fresh(names[p], func(n string) bool { return used[n] || pkg.Scope().Lookup(n) != nil })
		used[aliases[p]] = true
	}
	return aliases
}

func rank(path, apiPath string) int {
	switch path {
	case contextPath:
		return 0
	case apiPath:
		return 1
	case registryPath:
		return 2
	}
	return 3
}

// fresh returns base, or base2, base3, ... : the first that taken refuses.
func fresh(base string, taken func(string) bool) string {
	n := base
	for i := 2; taken(n); i++ {
		n = base + strconv.Itoa(i)
	}
	return n
}
