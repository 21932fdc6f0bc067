// Package suggest picks the "did you mean" of an unknown name: the
// candidate closest to it, if it is close enough to be a typo. The
// generator's directive and argument names, the values loader's keys,
// triggers, actions and sinks, and the scope attributes all suggest with
// this one rule, so the same typo gets the same hint everywhere.
//
// # The rule
//
// Distance is the optimal string alignment distance between the names, in
// runes and ignoring case: an insertion, a deletion, a substitution or a
// swap of two neighbours each count one. Swaps count one because they are
// the commonest typo ("lables", "actoin"), which plain Levenshtein counts
// as two; case is ignored because "ServiceAccount" for "serviceAccount" is
// the same name mistyped, not a different one.
//
// A candidate is close enough when its distance is at most a third of the
// name's length, and at least 2 once the name has four runes ("HUGE" gets
// HIGH among the severities, as the values loader always suggested); a
// name of three runes or fewer gets one change only, since two would make
// any short word a suggestion ("x" is not "id", as the scope attributes
// already had it). The closest candidate wins; a tie goes to the
// earliest, so a caller orders its candidates by preference. A name
// longer than MaxLen gets no suggestion: no identifier is that long, and
// the distance is quadratic in it, so a hostile values file cannot make it
// expensive.
//
// Each caller words the hint itself (" (did you mean %q?)", " (did you
// mean //robusta:action?)"); this package only chooses.
package suggest
