// Package common has the same name as ../../common: the registry of a
// package using both imports them under distinct aliases.
package common

// Threshold is a bound on a metric.
type Threshold struct {
	// Value is the bound.
	Value float64 `json:"value"`
}
