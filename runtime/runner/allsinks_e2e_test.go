package runner_test

import (
	"context"
	"encoding/base64"
	"fmt"
	"maps"
	"net/http"
	"slices"
	"strings"
	"testing"

	"github.com/robusta-go/robusta/playbooks"
	"github.com/robusta-go/robusta/runtime/api"
	"github.com/robusta-go/robusta/runtime/kube/kubetest"
	"github.com/robusta-go/robusta/runtime/registry"
	"github.com/robusta-go/robusta/runtime/sink/sinktest"
	"github.com/robusta-go/robusta/runtime/trigger"
)

// everyBlockPkg is every_block, a test-only action that makes the event's
// finding sinktest.EveryBlock: its title, severity, links and every block
// type, on the event's real subject.
func everyBlockPkg() registry.Package {
	var all []string
	for _, s := range trigger.Specs() {
		all = append(all, s.Name)
	}
	slices.Sort(all)
	return registry.Package{Path: "example.com/everyblock", Actions: []registry.Action{{
		Name: "every_block", Func: "everyblock.EveryBlock", Event: "api.ExecutionEvent", Triggers: all,
		Accepts: func(api.ExecutionEvent) bool { return true },
		Bind: func([]byte) (registry.Func, error) {
			return func(_ context.Context, ev api.ExecutionEvent) error {
				f, e := ev.DefaultFinding(), sinktest.EveryBlock()
				f.Title, f.Description, f.Severity, f.Links, f.Enrichments = e.Title, e.Description, e.Severity, e.Links, e.Enrichments
				ev.AddFinding(f)
				return nil
			}, nil
		},
	}}}
}

// allSinksPlaybooks continues the values file's sinksConfig (its
// file_sink) with one sink of every other type, each pointed at its local
// service, then the playbook. The webhook URLs carry a secret in their
// path, as the real ones do.
const allSinksPlaybooks = `- slack_sink: {name: slack, slack_channel: alerts, api_key: xoxb-test, api_url: %q}
- webhook_sink: {name: hook, url: %q, format: json, size_limit: 1000000}
- ms_teams_sink: {name: teams, webhook_url: %q}
- discord_sink: {name: discord, url: %q}
- google_chat_sink: {name: chat, webhook_url: %q}
- telegram_sink: {name: telegram, bot_token: "123:SECRET", chat_id: -100, api_url: %q}
- mattermost_sink: {name: mm, url: %q, token: SECRET, channel: alerts, team: ops}
- pagerduty_sink: {name: pd, api_key: R0UTINGKEY0123456789abcdefghijkl, api_url: %q}
- opsgenie_sink: {name: genie, api_key: SECRET, host: %q}
- jira_sink: {name: jira, url: %q, username: bot@example.com, api_key: SECRET, project_name: OPS, project_type_id_override: 10000, issue_type_id_override: 10006}
- mail_sink: {name: mail, host: 127.0.0.1, port: %s, tls: none, from: robusta@example.com, to: [oncall@example.com]}
- kafka_sink: {name: kafka, kafka_url: %q, topic: findings}
globalConfig:
  cluster_name: e2e
customPlaybooks:
- name: EveryBlock
  triggers: [{on_pod_create: {namespace_prefix: prod}}]
  actions: [{every_block: {}}]
`

// TestAllSinksEndToEnd: one finding with every block type, made by a real
// action on a real pod creation, reaches every sink type at once through
// the runner, each on a local server speaking its service's protocol
// (slacktest, go-smtp, kfake, httptest). Each service must show the
// title and a table cell; those that take files must have the log file.
func TestAllSinksEndToEnd(t *testing.T) {
	env := kubetest.Start(t)
	namespace(t, env.Client, "prod")
	want := sinktest.EveryBlock()
	const cell, logName = "web:1.2", "web-1.log"
	logData := string(want.Enrichments[1].Blocks[0].(api.File).Contents)
	logB64 := base64.StdEncoding.EncodeToString([]byte(logData))

	sl := newSlackRecorder(t)
	hook := newWebhookRecorder(t)
	teams, discord, chat := newServiceFake(t, nil), newServiceFake(t, nil), newServiceFake(t, nil)
	telegram := newServiceFake(t, func(w http.ResponseWriter, _ *http.Request, _ []byte) {
		w.Write([]byte(`{"ok":true,"result":{"message_id":1}}`))
	})
	mm := newServiceFake(t, mattermostFake)
	pd := newServiceFake(t, func(w http.ResponseWriter, _ *http.Request, _ []byte) {
		w.WriteHeader(http.StatusAccepted)
		w.Write([]byte(`{"status":"success","dedup_key":"x"}`))
	})
	genie := newServiceFake(t, func(w http.ResponseWriter, _ *http.Request, _ []byte) {
		w.WriteHeader(http.StatusAccepted)
		w.Write([]byte(`{"result":"Request will be processed","requestId":"r1"}`))
	})
	jira := newServiceFake(t, jiraFake)
	smtpd := newSMTPFake(t)
	kafka := kafkaFake(t)
	_, smtpPort, _ := strings.Cut(smtpd.addr, ":")

	p := startReady(t, spec{
		Kubeconfig: env.Kubeconfig(t),
		Playbooks: fmt.Sprintf(allSinksPlaybooks, sl.GetAPIURL(), hook.URL+"/hooks/SECRET",
			teams.URL+"/workflows/SECRET", discord.URL+"/api/webhooks/1/SECRET", chat.URL+"/v1/spaces/AAAA/messages?key=SECRET",
			telegram.URL, mm.URL, pd.URL, genie.URL, jira.URL, smtpPort, kafka),
		Packages: []registry.Package{playbooks.Actions, everyBlockPkg()},
	})
	createPod(t, env.Client, "prod", "web-1", map[string]string{"app": "web"})

	t.Run("file_sink", func(t *testing.T) {
		got := p.Findings.WaitFor(t, "the every-block finding", func(f finding) bool { return f.Playbook == "EveryBlock" })
		f := got[len(got)-1]
		if f.Title != want.Title || f.Subject.Name != "web-1" || len(f.Enrichments) != len(want.Enrichments) {
			t.Errorf("file_sink finding %q on %s with %d enrichments, want %q on web-1 with %d", f.Title, f.Subject.Name, len(f.Enrichments), want.Title, len(want.Enrichments))
		}
	})
	t.Run("slack_sink", func(t *testing.T) {
		kubetest.Eventually(t, wait, "a Slack post with the title and the log uploaded", func() bool {
			sl.mu.Lock()
			defer sl.mu.Unlock()
			var posted strings.Builder
			for _, v := range sl.posts {
				posted.WriteString(v.Get("blocks") + v.Get("attachments") + v.Get("text"))
			}
			uploaded := slices.ContainsFunc(slices.Collect(maps.Values(sl.uploads)), func(b []byte) bool { return string(b) == logData })
			return strings.Contains(posted.String(), want.Title) && strings.Contains(posted.String(), cell) && uploaded
		})
	})
	t.Run("webhook_sink", func(t *testing.T) {
		kubetest.Eventually(t, wait, "the webhook's JSON with the title and the log", func() bool {
			hook.mu.Lock()
			defer hook.mu.Unlock()
			return slices.ContainsFunc(hook.bodies, func(b []byte) bool {
				return strings.Contains(string(b), want.Title) && strings.Contains(string(b), cell) && strings.Contains(string(b), logB64)
			})
		})
	})
	for _, tc := range []struct {
		sink  string
		fake  *serviceFake
		files bool // the service takes files: the log must arrive whole
	}{
		{"ms_teams_sink", teams, false}, {"discord_sink", discord, true}, {"google_chat_sink", chat, false},
		{"telegram_sink", telegram, true}, {"mattermost_sink", mm, true}, {"pagerduty_sink", pd, false},
		{"opsgenie_sink", genie, false}, {"jira_sink", jira, true},
	} {
		t.Run(tc.sink, func(t *testing.T) {
			var body string
			var files map[string]string
			kubetest.Eventually(t, wait, tc.sink+" to deliver the title, a table cell and its files", func() bool {
				body, files = tc.fake.delivered(t)
				return strings.Contains(body, want.Title) && strings.Contains(body, cell) && (!tc.files || files[logName] == logData)
			})
			if strings.Contains(body, "SECRET") {
				t.Errorf("%s sent its secret in a body", tc.sink)
			}
		})
	}
	t.Run("mail_sink", func(t *testing.T) {
		kubetest.Eventually(t, wait, "a mail", func() bool { return len(smtpd.received()) > 0 })
		subject, text, files := readMail(t, smtpd.received()[0])
		if !strings.Contains(subject, want.Title) || !strings.Contains(text, cell) || files[logName] != logData {
			t.Errorf("mail subject %q, text with %q: %v, files %q; want the title, the cell and %s", subject, cell, strings.Contains(text, cell), files, logName)
		}
	})
	t.Run("kafka_sink", func(t *testing.T) {
		r := consumeOne(t, kafka)
		if v := string(r.Value); !strings.Contains(v, want.Title) || !strings.Contains(v, cell) || !strings.Contains(v, logB64) || len(r.Key) == 0 {
			t.Errorf("Kafka record key %q value %s: want the fingerprint as key and the title, the cell and the log", r.Key, v)
		}
	})
	// Every service was answered as it expects: nothing failed or retried.
	for _, bad := range []string{"sink failed to write finding", "sink call failed"} {
		if p.Logs.Contains(bad) {
			t.Errorf("the runner logged %q", bad)
		}
	}
}
