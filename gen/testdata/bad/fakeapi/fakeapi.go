// Package fakeapi declares types that look like runtime/api's events but
// are not: the runner never produces them.
package fakeapi

import "github.com/robusta-go/robusta/runtime/api"

// PodEvent has the methods of api.PodEvent.
type PodEvent interface {
	api.ExecutionEvent
	GetPod() *api.Pod
}

// PodChangeEvent embeds the real one.
type PodChangeEvent struct {
	*api.PodChangeEvent
}
