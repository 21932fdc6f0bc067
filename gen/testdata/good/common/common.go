// Package common holds params types shared by several playbook packages.
package common

// Params is the target of a request; alerts.Params is another type of the
// same name.
type Params struct {
	// URL is fetched.
	URL string `json:"url" jsonschema:"format=uri"`
	// Headers are sent with the request.
	Headers map[string][]string `json:"headers,omitempty"`
}
