// Package apitest runs a playbook action in a unit test, without a
// cluster: the way an author tests an action in a _test.go file.
//
//	func TestMyAction(t *testing.T) {
//		pod := apitest.Object(t, `
//	apiVersion: v1
//	kind: Pod
//	metadata: {name: api-0, namespace: prod}
//	spec: {containers: [{name: main}]}`)
//		cluster := apitest.NewCluster(pod).WithLogs("prod", "api-0", "main", "boom\n")
//		ev := apitest.Change(t, "on_pod_update", api.OperationUpdate, pod, nil)
//		res := apitest.Run(t, mypb.Actions, "my_action", `{tail_lines: 10}`, ev, cluster)
//		f := res.Finding(t)
//		if f.Title != "..." { t.Errorf("title %q\n%s", f.Title, res) }
//	}
//
// Run goes through the package's generated registry, and the params,
// written as in values.yaml, are decoded by the runner's own code
// (config.BindParams): defaults filled in, the schema checked, an unknown
// or mistyped param a test failure with its message. So a test passes
// exactly when the runner, given that playbook, would do the same.
//
// Cluster is the one fake: client-go's fake clientset holds the objects
// the action reads (gets, lists, patches work as on an API server, minus
// server-side logic such as field selectors), and the logs and exec
// answers a kubelet would give are set per pod. A read the test did not
// set up fails with an error saying which With... call is missing, rather
// than returning an empty string that a test could mistake for a result.
// robusta-go's own tests use a real API server (runtime/kube/kubetest);
// this package is for authors, for whom starting one per test is too slow.
package apitest
