// Package lsptest drives a real language server over LSP stdio from Go
// tests. The toolchain promises that the values.schema.json it generates
// makes editors autocomplete values.yaml; the only honest proof is to ask
// the editor's engine, yaml-language-server, the questions an editor asks,
// at the positions a user's cursor would be, and check the answers.
//
// Why a hand-written client rather than a library: the tests need a small,
// fixed slice of LSP (initialize, didOpen/didChange, completion, diagnostics,
// shutdown) and a faithful imitation of what an editor does behind the
// user's back. yaml-language-server does not take its settings from
// initialize: it pulls them with workspace/configuration requests and waits
// for the answers, and it asks the client to register capabilities and
// create progress tokens. A client that ignores server→client requests gets
// a server that quietly never applies its settings. So the reader goroutine
// here answers every request the server sends — with the yaml settings per
// requested section, with null for registrations and progress, and with
// MethodNotFound for anything else, never with silence.
//
// The wire format is JSON-RPC 2.0 with Content-Length framing (jsonrpc.go);
// the standard library is enough, and keeping it visible keeps the test's
// failure messages close to what went over the pipe.
//
// Waiting: every wait takes a context with a deadline. Diagnostics arrive as
// notifications whenever the server finishes a (debounced) validation, so
// Diagnostics waits for a published set that satisfies a predicate instead
// of sleeping "long enough". Nothing here sleeps.
//
// On a test failure the server's stderr and its window/logMessage lines are
// written to the test log: a language server that crashed or could not load
// a schema says so there and nowhere else.
package lsptest
