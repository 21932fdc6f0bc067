package playbooks_test

import (
	"testing"

	"github.com/robusta-go/robusta/playbooks"
	"github.com/robusta-go/robusta/runtime/api"
	"github.com/robusta-go/robusta/runtime/api/apitest"
)

// foreign_logs_enricher reads the pods of the first selector that selects
// any, in every namespace, each log titled by title_override.
func TestForeignLogsEnricher(t *testing.T) {
	db := apitest.Object(t, `{apiVersion: v1, kind: Pod, metadata: {name: pg-0, namespace: data, labels: {app: pg}}, spec: {containers: [{name: postgres}]}}`)
	c := apitest.NewCluster(db).WithLogs("data", "pg-0", "postgres", "FATAL: too many connections\n")
	ev := alertEvent(t, api.Alert{Name: "HighErrorRate"})
	res := apitest.Run(t, playbooks.Actions, "foreign_logs_enricher",
		`{label_selectors: ["app=missing", "app=pg"], title_override: "Logs of $name in $namespace"}`, ev, c)
	f := res.Finding(t)
	if res.Err != nil || string(res.Files()["pg-0.log"]) != "FATAL: too many connections\n" || f.Enrichments[0].Title != "Logs of pg-0 in data" {
		t.Errorf("foreign_logs_enricher:\n%s", res)
	}
	// No pod matches: nothing, and no error.
	res = apitest.Run(t, playbooks.Actions, "foreign_logs_enricher", `{label_selectors: ["app=missing"]}`, alertEvent(t, api.Alert{Name: "A"}), c)
	if res.Err != nil || len(res.Findings) != 0 {
		t.Errorf("no match:\n%s", res)
	}
}
