// Package helpers has no actions.
package helpers

// Double doubles n.
func Double(n int) int { return 2 * n }
