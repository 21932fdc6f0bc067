// Package kube connects the engine to a cluster with client-go.
//
// Source watches each kind that a configured trigger needs (all twenty
// when an any-resource trigger is configured) with its own cache.Reflector
// feeding a compactStore, instead of client-go's shared informers. Two
// reasons:
//
//   - Memory. An informer keeps every object decoded: a pod as
//     internal/bench/e2e creates it costs ~19 KB of Go heap, and the cache
//     is most of the runner's memory. Only
//     two things read the cache here: an update's old object (for diffs and
//     change filters) and a relist's deletes; actions read the cluster
//     through Cluster, the API server. So the store keeps each object as
//     its protobuf (the encoding the API server itself stores), stripped
//     first of managedFields and the last-applied annotation, compressed
//     with s2 against a dictionary made of up to sixteen of the kind's own
//     objects from the initial list. Objects of one kind share most of
//     their bytes, so a pod takes ~0.6 KB of heap with its map entry, and
//     decoding one back is a few tens of µs (see codec.go for the
//     measurements behind s2 over zstd). The new object of a change is the
//     one the watch just decoded, so a change costs one encode and, for an
//     update, one decode of its old state. Actions still get complete
//     typed objects, copies of their own that no cache shares. Lists and
//     watches ask for protobuf, as the typed clients do: decoding JSON
//     costs several times the CPU.
//   - Backpressure. A shared informer's handler runs off an unbounded
//     notification buffer: while the engine's pool is full the buffer grows
//     without limit. The compactStore instead hands each change to the
//     engine from inside the Reflector's Add/Update/Delete, so a full pool
//     stops the Reflector reading its watch and TCP flow control stops the
//     API server; at most one change per kind waits (Source.Pending). If
//     the API server gives up on the slow watch, the Reflector relists and
//     Replace emits what differs from the cache: each object's latest
//     state once, intermediate states merged (no list has them). Nothing
//     received is dropped; a change the engine refuses (the runner
//     stopping) is logged and counted in robusta_events_dropped_total.
//
// As before:
//
//   - Resync is off: a resync replays every object as an update that did
//     not happen. Likewise an update whose resourceVersion did not change
//     is not a change.
//   - Objects listed when the runner starts are not creations: they do not
//     fire on_*_create. Deletes deliver the object as the watch sent it
//     with the delete; a relist's deletes the last state the cache had.
//
// Cluster implements api.Cluster: the typed clientset for get, list and
// patch, and pod logs and exec through the API server, which proxies them
// to the kubelet.
package kube
