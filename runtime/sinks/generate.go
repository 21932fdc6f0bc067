package sinks

// docs/sinks.md documents every sink of Types() from its params schema;
// go generate rewrites it when a sink or its params change.
//go:generate go run ../../gen/internal/sinksdoc -out ../../docs/sinks.md
