// Package templates holds the files robusta-gen writes into other trees:
// the main module of a custom runner (runner/) and the Helm chart of a
// bundle (chart/). They are embedded so that an installed robusta-gen
// needs nothing from this repository at run time.
package templates

import "embed"

// Runner holds runner/: the main.go and go.mod templates of the temporary
// module robusta-gen build compiles.
//
//go:embed runner
var Runner embed.FS

// Chart holds chart/: the stock chart's files. "all:" keeps the files
// whose names start with "_" (templates/_helpers.tpl), which embed skips
// by default.
//
//go:embed all:chart
var Chart embed.FS

// Init holds init/: the files robusta-gen init writes into a new playbook
// repository, each a text/template with a .tmpl suffix ("all:" keeps
// .github).
//
//go:embed all:init
var Init embed.FS
