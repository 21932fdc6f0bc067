// Package build is robusta-gen build: it compiles a runner holding the
// runtime, the built-in playbooks and a playbook repo's packages, and packs
// it into an OCI image, in the shape the OpenTelemetry Collector Builder
// and xcaddy made familiar: generate a main module, resolve it, go build,
// and (here) pack with go-containerregistry, without a Docker daemon.
//
// # Steps
//
//	find playbook packages  one go list (names, files, modules: no type
//	                        load, which would cost seconds per build), and
//	                        a go/parser pass over the files with directives
//	generate                main.go and go.mod from templates/runner, the
//	                        git stamp
//	resolve modules         go mod tidy and the skew check, in a new
//	                        module directory only
//	compile <platform>      CGO_ENABLED=0 go build -trimpath per platform
//	pack, write, push       gen/image
//
// Each step prints "build: <step> ... 1.23s" to Options.Progress: a cold
// build compiles the whole runtime and takes minutes.
//
// # Playbook packages
//
// A playbook package is one the patterns match that has a generated
// zz_generated.robusta.go declaring var Actions. The built-in package is
// added unless NoBuiltins, and never twice. Stale registries are not
// compiled silently: every //robusta:action in a package's sources must be
// listed in its registry and every listed action must have its directive,
// and a package with directives but no registry is an error too. Action
// names that two packages share (typically a repo's and a built-in) are
// refused here, since the runner would refuse to start. Every problem is
// reported at once, as file:line:col diagnostics that end in "run go
// generate".
//
// # The main module
//
// main.go imports each playbook package under its own alias and passes
// every Actions to runner.Main explicitly: what is in the binary is what
// the file lists, with no blank imports and init side effects. It also
// imports x509roots/fallback, so that a runner in an image with no base
// layer (no CA bundle) can still reach Slack over HTTPS.
//
// go.mod requires the runtime at the version this generator was built
// from, and the playbook modules; a local playbook module is replaced by
// its directory, and the playbook repo's own replace lines are copied with
// their paths made absolute, because Go ignores a dependency's replace
// lines. A generator run from a checkout (go run ./cmd/robusta-gen, or a
// playbook repo that replaces robusta-go with a directory and runs the
// generator as a tool) has no version the proxy knows: the runtime is then
// replaced by the directory the playbook repo resolves it to.
//
// # Version skew
//
// The registries, the templates and the runtime change together, so the
// runtime that minimal version selection picks must be the generator's own.
// When a playbook repo (or one of its dependencies) requires a newer one,
// or a checkout's generator meets a runtime from the module cache, the
// build fails with a *SkewError that names both versions, the modules that
// require the other one (from go mod graph), and the two fixes. The
// decision is the pure checkSkew; no released versions exist yet to test
// it end to end.
//
// # The cache
//
// The module lives in <user cache>/robusta-go/build/<key>, where key hashes
// go.mod, main.go and the go.mod and go.sum of every directory a replace
// points to: everything tidy's result depends on. A new module is written
// and resolved in a temporary directory and renamed into place only once
// it passed the skew check, so an interrupted or failed build never leaves
// a module that a later build would trust. A warm build finds the
// directory and goes straight to go build; internal/bench/build measures the
// cost of everything else against a plain go build of the same module.
// The go list of the find step is cached too (listcache.go, through
// gen/cache), against the module files, the trees "..." patterns walk and
// every Go file of each listed package's directory, so that a warm build
// runs no go command besides go build.
//
// # Reproducibility
//
// The binary is built with -trimpath and -buildvcs=false, its stamp comes
// from -ldflags -X, and image timestamps from SOURCE_DATE_EPOCH (else the
// Unix epoch): the same inputs on the same machine give the same digest.
// The binary's embedded module information does record the directories
// local modules were replaced by, so the same repo checked out elsewhere
// gives another binary.
package build
