package record

import (
	"net/http"
	"net/http/httptest"
	"testing"
)

// The live side's key of a request, as the replay's fake client computes
// it from its action (replay's TestCluster and the runner's end-to-end
// test check that the two sides meet).
func TestKeyOf(t *testing.T) {
	for _, tc := range []struct{ method, url, want string }{
		{"GET", "/api/v1/namespaces/prod/pods/api-0", "get v1 pods ns=prod name=api-0"},
		{"GET", "/api/v1/namespaces/prod", "get v1 namespaces name=prod"},
		{"GET", "/api/v1/nodes", "list v1 nodes"},
		{"GET", "/api/v1/pods?fieldSelector=spec.nodeName%3Dn1", "list v1 pods field=spec.nodeName=n1"},
		{"GET", "/apis/apps/v1/namespaces/prod/deployments/api/scale", "get apps/v1 deployments/scale ns=prod name=api"},
		{"GET", "/api/v1/namespaces/prod/pods?labelSelector=b%3D2%2Ca%3D1", "list v1 pods ns=prod label=a=1,b=2"},
		{"GET", "/api/v1/namespaces/prod/pods?watch=true", ""},
		{"PATCH", "/api/v1/namespaces/prod/pods/api-0", ""},
		{"GET", "/version", ""},
	} {
		got, ok := keyOf(httptest.NewRequest(tc.method, tc.url, http.NoBody))
		if got != tc.want || ok != (tc.want != "") {
			t.Errorf("%s %s: %q %v, want %q", tc.method, tc.url, got, ok, tc.want)
		}
	}
}
