// Package replay runs a recording (package record) through the engine
// offline: the same engine, playbooks and routing as the runner, on a
// cluster made of the recording.
//
//   - Inputs run one at a time, in the recorded order, each with its
//     recorded time as the engine's clock (engine.WithClock), so that rate
//     limits and fire_delay decide as they did.
//   - Reads: an action's get or list is answered by the recording's answer
//     to the same request (record.ReadKey), in the order they were
//     recorded, the last one repeated; a read the recording lacks (a
//     playbook that was not configured when it was made) is answered from
//     the objects the inputs carried so far, kept in client-go's fake
//     object tracker as the inputs go (a delete removes its object).
//   - Logs and exec are answered by the recorded answers to the same call,
//     in order; one the recording lacks fails with an error saying so.
//   - Writes (create, update, patch, delete) are refused with an error and
//     listed in the result: a replay never acts on anything.
//   - Sinks: each configured sink is replaced by a collector of the same
//     name, so that routing (playbook sinks, default, scope, match, stop)
//     is the runner's and nothing leaves the machine.
//   - Manual runs go through the manual trigger's own handler, with every
//     action allowed: the request is checked and its params decoded as the
//     runner did.
package replay
