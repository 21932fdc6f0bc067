// Package sink defines what a sink is (something that delivers findings),
// the fields every sink takes (name, default, stop, scope), and Type, which
// ties a sinksConfig key such as file_sink to its params and constructor.
// Grouping is the typed grouping key of Common, done by sink/group;
// Summarizer and Router are what a sink implements to show a group's
// summary in place (Slack). Implementations live in subpackages (sink/file, ...); package sinks lists
// them all for the config loader and the schema generator.
package sink
