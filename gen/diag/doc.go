// Package diag is how robusta-gen reports mistakes: a diagnostic is a
// source position and a message, and a List collects every diagnostic of a
// run so that they are printed all at once, sorted by position, as
// "file:line:col: message".
//
// The generator never stops at the first mistake. Loading, scanning and
// analysis each return the diagnostics they found and carry on with what
// they could make sense of, the way the compiler and go vet do: a playbook
// author fixing a repo wants the whole list, not one error per run.
//
// A List is also an error, so a caller that only wants to know whether the
// run succeeded can treat it as one. Print writes paths relative to a
// directory (the current one, in the CLI) so that editors and terminals
// can follow them; Error keeps them as they are.
package diag
