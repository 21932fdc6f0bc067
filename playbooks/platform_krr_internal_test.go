package playbooks

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	corev1 "k8s.io/api/core/v1"

	"github.com/robusta-go/robusta/runtime/api"
)

func TestSplitArgs(t *testing.T) {
	for in, want := range map[string][]string{
		"":                                {},
		"  --namespace prod  ":            {"--namespace", "prod"},
		`--selector 'app in (a, b)' -n x`: {"--selector", "app in (a, b)", "-n", "x"},
		`--label "team=\"sre\"" a\ b`:     {"--label", `team="sre"`, "a b"},
		`'' x`:                            {"", "x"},
		// What a shell would run is only a word here.
		"$(rm -rf /); echo": {"$(rm", "-rf", "/);", "echo"},
	} {
		got, err := splitArgs(in)
		if err != nil || !cmp.Equal(got, want, cmpEmpty) {
			t.Errorf("splitArgs(%q) = %q, %v; want %q", in, got, err, want)
		}
	}
	for _, bad := range []string{`'open`, `"open`, `trailing\`} {
		if _, err := splitArgs(bad); err == nil {
			t.Errorf("splitArgs(%q) accepted", bad)
		}
	}
}

var cmpEmpty = cmp.Comparer(func(a, b []string) bool {
	return strings.Join(a, "\x00") == strings.Join(b, "\x00") && len(a) == len(b)
})

func TestCheckKRRArgs(t *testing.T) {
	for _, bad := range [][]string{{"-f", "table"}, {"--format=table"}, {"-fjson"}, {"-q"}, {"--verbose"}} {
		if err := checkKRRArgs(bad); err == nil || !strings.Contains(err.Error(), "is not allowed in krr_args") {
			t.Errorf("checkKRRArgs(%q) = %v", bad, err)
		}
	}
	// Robusta's substring test would refuse these.
	if err := checkKRRArgs([]string{"--foo-file", "x", "--cpu-min", "5", "--formatter-x"}); err != nil {
		t.Errorf("refused: %v", err)
	}
}

func TestKRRCommandAndJob(t *testing.T) {
	p := krrDefaults(KRRParams{KRRVerbose: true, CustomAnnotations: map[string]string{"team": "sre"}, ServiceAccountName: "krr",
		PrometheusParams: api.PrometheusParams{PrometheusURL: "http://prom:9090", PrometheusAuth: "Bearer x",
			PrometheusAdditionalHeaders: map[string]string{"X-Scope-OrgID": "t1"}, PrometheusAdditionalLabels: map[string]string{"cluster": "eu"}}})
	secrets := krrSecrets(p.PrometheusParams)
	cmd := krrCommand(p, []string{"--namespace", "prod"}, secrets)
	want := []string{"python", "krr.py", "simple", "--namespace", "prod", "--prometheus-label", "cluster", "-l", "eu", "--max-workers", "3", "-v",
		"-f", "json", "--width", "2048", "-p", "http://prom:9090",
		"--prometheus-auth-header", "$(PROMETHEUS_AUTH_HEADER)", "--prometheus-headers", "X-Scope-OrgID:$(PROMETHEUS_HEADER_X_SCOPE_ORGID)"}
	if !cmp.Equal(cmd, want) {
		t.Errorf("command:\n%q\nwant\n%q", cmd, want)
	}
	// A label given in the args wins over prometheus_additional_labels.
	if cmd := krrCommand(p, []string{"-l", "us"}, nil); strings.Contains(strings.Join(cmd, " "), "cluster") {
		t.Errorf("command %q: want the args' label only", cmd)
	}
	job, err := krrJob(p, "robusta", "id-1", "2026-01-01T00:00:00Z", cmd, "krr-auth-secretid-1", secrets)
	if err != nil {
		t.Fatal(err)
	}
	c := job.Spec.Template.Spec.Containers[0]
	if job.Name != "krr-job-id-1" || job.Labels["app"] != "krr.robusta.dev" || job.Annotations["scan-id"] != "id-1" || job.Annotations["team"] != "sre" ||
		c.Image != "robustadev/krr:v1.29.0" || !*c.SecurityContext.RunAsNonRoot || *c.SecurityContext.AllowPrivilegeEscalation ||
		c.Env[1].Name != "PROMETHEUS_HEADER_X_SCOPE_ORGID" || c.Env[1].ValueFrom.SecretKeyRef.Key != "prometheus-header-x-scope-orgid" {
		t.Errorf("job: %+v", job)
	}
	if s := secretOf("robusta", "s", secrets); string(s.Data["prometheus-auth-header"]) != "Bearer x" || string(s.Data["prometheus-header-x-scope-orgid"]) != "t1" {
		t.Errorf("secret: %v", s.Data)
	}
	if secretOf("robusta", "s", nil) != nil {
		t.Error("a secret without credentials")
	}

	// krr_job_spec sets PodSpec fields, and refuses others.
	p.KRRJobSpec = map[string]any{"nodeSelector": map[string]any{"pool": "tools"}, "tolerations": []any{map[string]any{"operator": "Exists"}}}
	job, err = krrJob(p, "robusta", "id", "t", cmd, "", nil)
	if err != nil || job.Spec.Template.Spec.NodeSelector["pool"] != "tools" || job.Spec.Template.Spec.Tolerations[0].Operator != corev1.TolerationOpExists ||
		job.Spec.Template.Spec.Containers[0].Name != "krr" {
		t.Errorf("krr_job_spec: %v %+v", err, job)
	}
	for _, bad := range []map[string]any{{"nodeSelectr": map[string]any{}}, {"tolerations": "all"}} {
		p.KRRJobSpec = bad
		if _, err := krrJob(p, "robusta", "id", "t", cmd, "", nil); err == nil || !strings.Contains(err.Error(), "krr_job_spec") {
			t.Errorf("krr_job_spec %v: %v", bad, err)
		}
	}
}

func TestParseKRR(t *testing.T) {
	for log, want := range map[string]string{
		"starting\nno result":                   "Expecting json result",
		"Result collected, displaying...\n{bad": "Result format issue",
	} {
		if _, _, err := parseKRR(log); err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("parseKRR(%q) = %v, want %q", log, err, want)
		}
	}
	// A brace in the progress lines before the marker is not the result.
	_, raw, err := parseKRR("loading {config}\nResult collected, displaying...\n{\"scans\": [], \"score\": 100}\n")
	if err != nil || string(raw) != `{"scans": [], "score": 100}` {
		t.Errorf("parseKRR = %q, %v", raw, err)
	}
	for in, want := range map[string]string{"0.25": "250m", "2": "2", "1.5": "1.5", "null": "unset", `"?"`: "?"} {
		if got := krrQuantity("cpu", []byte(in)); got != want {
			t.Errorf("cpu %s = %q, want %q", in, got, want)
		}
	}
	if got := krrQuantity("memory", []byte("268435456")); got != "256Mi" {
		t.Errorf("memory = %q", got)
	}
}
