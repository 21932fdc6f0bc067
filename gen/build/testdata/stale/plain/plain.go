// Package plain has no actions: it is no playbook package and no mistake.
package plain

// Helper is ordinary code.
func Helper() int { return 1 }
