// Package diag is the one positioned-error list of the module: the
// generator (robusta-gen's diagnostics, the schema's errors about params
// types) and the runtime (the values loader's errors) all report mistakes
// as a List of *Error, each a Position and a message, printed as
//
//	file:line:col: message
//
// one per line, sorted by position, exact repeats dropped. Editors and
// terminals follow that form, and a user fixing a file wants every mistake
// at once, not one per run: whoever finds mistakes collects them all in a
// List and carries on with what it could make sense of.
//
// A List is an error (Err returns nil when it is empty) and unwraps to its
// *Error values, so errors.As finds one. Collect flattens another error
// (joined, a List, or anything) into a List. Print writes file names
// relative to a directory (the current one, in a CLI); Error keeps them
// as they are.
//
// Position counts lines and columns from 1 and 0 means unknown: a Position
// with no line prints as its file alone, one with neither file nor line
// prints as nothing, and its Error is the bare message.
package diag
