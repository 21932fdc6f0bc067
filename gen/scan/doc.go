// Package scan finds the //robusta: directives of a package and checks that
// each one is a directive robusta-gen knows, with arguments it knows, in a
// place where it means something.
//
// # Every comment, raw
//
// Directives are read from the raw comment list of every comment group of
// every file, not only from doc comments: ast.CommentGroup.Text drops
// directive lines, and a directive that sits on a method, a type, a field,
// or floats free above nothing would otherwise be missed without a word.
// Silently ignored markers are the first complaint about controller-gen
// (controller-tools#887, #1126); here the //robusta: namespace is closed.
// An unknown name is an error that suggests the closest known one, an
// unknown argument is an error, and a known directive in the wrong place is
// an error that says where it belongs. A line reading "// robusta:..." is
// reported too: gofmt turns a doc comment line that is not a valid
// directive (//robusta:Action) into that prose form, which would otherwise
// pass for documentation.
//
// Lines are parsed with go/ast.ParseDirective and Directive.ParseArgs (Go
// 1.26), so arguments follow the go: directives' conventions: words
// separated by spaces, quoted strings allowed. As with //nolint, a directive
// may end with a comment of its own, after " //", to say why.
//
// # The directives
//
//	//robusta:action [name=snake_case_name]
//
// marks an action. It belongs in the doc comment of a top-level, non-generic
// function; whether the function's signature is one of Contract 1's is for
// package analyze, which has the types.
//
//	//robusta:rbac groups=apps,resources=deployments;replicasets,verbs=get;list
//
// declares Kubernetes API access the bundle needs, in kubebuilder's RBAC
// marker syntax (comma-separated keys, semicolon-separated values; groups=""
// or groups=core is the core group). It stands at package level (anywhere
// outside a declaration) or in an action's doc comment.
package scan
