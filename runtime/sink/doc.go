// Package sink defines what a sink is (something that delivers findings),
// the fields every sink takes (name, default, stop, scope), and Type, which
// ties a sinksConfig key such as file_sink to its params and constructor.
// Implementations live in subpackages (sink/file, ...); package sinks lists
// them all for the config loader and the schema generator.
package sink
