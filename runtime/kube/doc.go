// Package kube connects the engine to a cluster with client-go.
//
// Source runs one shared informer per kind that a configured trigger needs
// (all twenty when an any-resource trigger is configured) and turns their
// notifications into engine changes:
//
//   - A transform strips managedFields and the last-applied-configuration
//     annotation before objects enter the cache: they are a third or more of
//     a typical object and no action reads them. Delete tombstones pass
//     through untouched, or deletes would be lost.
//   - Resync is off: a resync replays every object as an update that did
//     not happen. Likewise an update whose resourceVersion did not change is
//     dropped.
//   - Objects listed when the runner starts are not creations: they do not
//     fire on_*_create. Deletes deliver the last state the cache knew.
//   - Changes are handed to the engine's bounded pool. When it is full the
//     handler waits; client-go then queues notifications in the informer's
//     own buffer, so nothing is dropped, but memory grows while actions are
//     slow. (client-go offers no way to stop its watch from reading.)
//
// Cluster implements api.Cluster: the typed clientset for get, list and
// patch, and pod logs and exec through the API server, which proxies them
// to the kubelet.
package kube
