package chart

import (
	"fmt"
	"path/filepath"
	"regexp"
	"slices"
	"strings"

	"github.com/robusta-go/robusta/gen/docs"
	"github.com/robusta-go/robusta/gen/model"
	"github.com/robusta-go/robusta/internal/atomicfile"
)

// Defaults of the options.
const (
	DefaultName       = "robusta-runner"
	DefaultVersion    = "0.1.0"
	DefaultRepository = "ghcr.io/robusta-go/robusta-runner"
)

// Option changes the chart Files renders.
type Option func(*settings)

type settings struct {
	name    string
	version string
	image   string
}

// WithName sets the chart's name (default DefaultName).
func WithName(name string) Option { return func(c *settings) { c.name = name } }

// WithVersion sets the chart's version, a SemVer 2 version (default
// DefaultVersion).
func WithVersion(v string) Option { return func(c *settings) { c.version = v } }

// WithImage sets the runner image: REPO, REPO:TAG, REPO@DIGEST or
// REPO:TAG@DIGEST. The tag becomes the chart's appVersion; without one the
// appVersion is the chart's version. Default: DefaultRepository.
func WithImage(ref string) Option { return func(c *settings) { c.image = ref } }

var (
	// chartName is what Helm accepts as a chart name and what makes a valid
	// object name prefix.
	chartName = regexp.MustCompile(`^[a-z0-9]([-a-z0-9]*[a-z0-9])?$`)
	// semver is SemVer 2.0.0 (semver.org's regular expression), which Helm
	// requires of a chart's version.
	semver = regexp.MustCompile(`^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(?:-((?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*)(?:\.(?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*))*))?(?:\+([0-9a-zA-Z-]+(?:\.[0-9a-zA-Z-]+)*))?$`)
)

// meta is what the *.tmpl files and the README are rendered with.
type meta struct {
	Name, Version, AppVersion string
	Description               string
	// Bundle names the bundle: the module paths of its actions.
	Bundle string
	// ImageRepository is the image without tag; Image the full reference
	// the chart runs by default.
	ImageRepository, Image string
	// ImageDigest is the digest of --image, if it has one.
	ImageDigest string
	// Defaults are the default playbook lists.
	Defaults defaultLists
}

func newMeta(b *model.Bundle, opts []Option) (meta, error) {
	c := settings{name: DefaultName, version: DefaultVersion, image: DefaultRepository}
	for _, o := range opts {
		o(&c)
	}
	if !chartName.MatchString(c.name) || len(c.name) > 63 {
		return meta{}, fmt.Errorf("chart name %q: want lower-case letters, digits and '-', at most 63 characters", c.name)
	}
	if !semver.MatchString(c.version) {
		return meta{}, fmt.Errorf("chart version %q is not a SemVer 2 version such as 0.1.0", c.version)
	}
	img, err := parseImage(c.image)
	if err != nil {
		return meta{}, err
	}
	m := meta{Name: c.name, Version: c.version, AppVersion: c.version, Bundle: bundleName(b), ImageRepository: img.repository, ImageDigest: img.digest}
	if img.tag != "" {
		m.AppVersion = img.tag
	}
	m.Image = img.repository + ":" + m.AppVersion
	if img.digest != "" {
		m.Image = img.repository + "@" + img.digest
	}
	m.Description = "The robusta-go runner with the playbooks of " + m.Bundle
	if m.Defaults, err = defaultPlaybooks(b); err != nil {
		return meta{}, err
	}
	return m, nil
}

// bundleName lists the modules that declare b's actions.
func bundleName(b *model.Bundle) string {
	var mods []string
	for _, a := range b.Actions {
		p := a.Pkg.PkgPath
		if a.Pkg.Module != nil {
			p = a.Pkg.Module.Path
		}
		if !slices.Contains(mods, p) {
			mods = append(mods, p)
		}
	}
	if len(mods) == 0 {
		return "no module (the bundle has no actions)"
	}
	slices.Sort(mods)
	return strings.Join(mods, ", ")
}

// Files renders the chart of b for the directory dir: every file, with its
// path under dir, in a stable order.
func Files(b *model.Bundle, dir string, opts ...Option) ([]atomicfile.File, error) {
	m, err := newMeta(b, opts)
	if err != nil {
		return nil, err
	}
	tree, err := copyTree(m)
	if err != nil {
		return nil, err
	}
	schema, err := Schema(b)
	if err != nil {
		return nil, fmt.Errorf("rendering values.schema.json: %w", err)
	}
	rbac, err := RBACData(b)
	if err != nil {
		return nil, fmt.Errorf("rendering files/rbac.yaml: %w", err)
	}
	actions, err := docs.Actions(b)
	if err != nil {
		return nil, fmt.Errorf("rendering ACTIONS.md: %w", err)
	}
	tree["values.schema.json"] = schema
	tree["files/rbac.yaml"] = rbac
	tree["ACTIONS.md"] = actions
	readme, err := readme(m, b, tree["values.yaml"])
	if err != nil {
		return nil, fmt.Errorf("rendering README.md: %w", err)
	}
	tree["README.md"] = readme

	names := make([]string, 0, len(tree))
	for n := range tree {
		names = append(names, n)
	}
	slices.Sort(names)
	files := make([]atomicfile.File, len(names))
	for i, n := range names {
		files[i] = atomicfile.File{Path: filepath.Join(dir, filepath.FromSlash(n)), Data: tree[n]}
	}
	return files, nil
}
