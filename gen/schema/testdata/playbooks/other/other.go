// Package other declares a type named like one of package good, to check
// that schemas of same-named types from two packages do not collide.
package other

// Config is other's Config: it sizes a deployment.
type Config struct {
	// Replicas is the wanted number of replicas.
	Replicas int `json:"replicas" jsonschema:"minimum=0"`
}
