// Package chart writes the Helm chart of a playbook bundle: the stock
// runner chart (templates/chart, embedded as templates.Chart) with the
// bundle's own values schema, README, RBAC data and image reference, so that
// helm install of a custom bundle validates that bundle's actions.
// charts/robusta-runner is this package's output for the built-in bundle,
// kept in step by a go:generate line in package playbooks.
//
// # One source, two kinds of templates
//
// The chart's templates are Helm's ({{ }}); running them through Go's
// text/template would mean escaping every action. So they are copied
// byte for byte, and only the files named *.tmpl (Chart.yaml, values.yaml)
// are Go templates, with [[ ]] as delimiters, for the chart's name, version,
// appVersion and image repository. The image tag is not substituted:
// values.yaml leaves it empty, meaning the chart's appVersion, which is the
// tag of --image (or the chart version). One place says which image a chart
// runs.
//
// # Generated files
//
// Besides the copied tree a chart gets:
//   - values.schema.json: the bundle's values schema (package gen/values:
//     playbooks, triggers, actions, params, compatibility) with the chart's
//     own keys described precisely (chartkeys.schema.json, here) instead of
//     the permissive placeholders gen/values gives them. Still draft-07
//     with no remote $ref, for the reasons gen/values gives.
//   - files/rbac.yaml: the RBAC each trigger needs (from runtime/trigger's
//     specs and runtime/kinds' table), the bundle's package-level
//     //robusta:rbac rules, and its per-action rules. The templates turn it
//     into the ClusterRole from the playbooks actually configured, so a
//     runner with one on_pod_update playbook can read pods and nothing else.
//     It is a chart file read with .Files.Get rather than a named template
//     in a _rbac.tpl because named templates are global across a parent
//     chart and its subcharts: two bundle charts in one umbrella chart
//     would silently share one bundle's rules. .Files is per chart.
//   - README.md: an introduction, the bundle's actions and a table of the
//     values, read from values.yaml's helm-docs comments (# -- ...) by a
//     small parser here (ParseValues), so the table cannot drift from the
//     file.
//   - ACTIONS.md: the bundle's action reference (package gen/docs).
//
// # Default playbooks
//
// values.yaml's builtinPlaybooks and platformPlaybooks default to Robusta's
// default Kubernetes playbooks that need no Prometheus (defaults.yaml,
// here; TestDefaultsAreRobustas checks it against Robusta's own values in
// internal/conformance), so that helm install of the stock chart reports
// crash loops, OOM kills, image pull back-offs and evictions out of the
// box, as Robusta's does, and platformPlaybooks stay off unless
// enablePlatformPlaybooks, as in Robusta. A playbook is written only when
// every action it names is a built-in one of the bundle: a bundle built
// with --no-builtins gets empty lists, and one whose own action replaced a
// built-in one loses the playbooks using it, since defaults that its
// schema rejected would fail every install.
//
// # Writing
//
// Output is deterministic and written through internal/atomicfile, which leaves
// unchanged files alone; files of the directory that the chart no longer
// has are removed. Because of that removal, Write refuses a non-empty
// directory whose Chart.yaml was not written by robusta-gen: --out pointed
// at the wrong place must not delete anything.
package chart
