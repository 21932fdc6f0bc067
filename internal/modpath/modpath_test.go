package modpath_test

import (
	"os"
	"strings"
	"testing"

	"golang.org/x/tools/go/packages"

	"github.com/robusta-go/robusta/internal/modpath"
)

// Every name is a package of this module, and Module is what go.mod says.
func TestPathsArePackages(t *testing.T) {
	mod, err := os.ReadFile("../../go.mod")
	if err != nil {
		t.Fatal(err)
	}
	if first, _, _ := strings.Cut(string(mod), "\n"); first != "module "+modpath.Module {
		t.Errorf("go.mod starts %q, want module %s", first, modpath.Module)
	}
	paths := []string{modpath.API, modpath.Registry, modpath.Scope, modpath.Builtin}
	pkgs, err := packages.Load(&packages.Config{Mode: packages.NeedName}, paths...)
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range pkgs {
		if len(p.Errors) > 0 {
			t.Errorf("%s: %v", p.PkgPath, p.Errors)
		}
	}
	if len(pkgs) != len(paths) {
		t.Errorf("loaded %d packages, want %d", len(pkgs), len(paths))
	}
}
