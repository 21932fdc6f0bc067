package playbooks

import (
	"cmp"
	"context"
	"fmt"
	"maps"
	"slices"
	"strings"
	"time"

	"github.com/google/uuid"

	"github.com/robusta-go/robusta/runtime/api"
)

// KRRParams configures KRRScan: Robusta's KRRParams.
type KRRParams struct {
	api.PrometheusParams
	// ServiceAccountName runs the scan; default: the runner's own, whose
	// ClusterRole grants the reads KRR needs when krr_scan is configured.
	ServiceAccountName string `json:"serviceAccountName,omitempty"`
	// Strategy is KRR's strategy.
	Strategy string `json:"strategy,omitempty" jsonschema:"default=simple"`
	// Args is deprecated: use krr_args.
	Args string `json:"args,omitempty"`
	// KRRArgs are KRR's command line arguments, split as a shell splits
	// them (no shell runs them).
	KRRArgs string `json:"krr_args,omitempty"`
	// Timeout, in seconds, is how long the scan may take.
	Timeout int `json:"timeout,omitempty" jsonschema:"minimum=1,default=3600"`
	// KRRJobSpec holds PodSpec fields for the scan's pod (tolerations,
	// nodeSelector, ...).
	KRRJobSpec map[string]any `json:"krr_job_spec,omitempty"`
	// MaxWorkers is KRR's number of concurrent workers.
	MaxWorkers int `json:"max_workers,omitempty" jsonschema:"minimum=1,default=3"`
	// KRRVerbose runs KRR with verbose logging.
	KRRVerbose bool `json:"krr_verbose,omitempty"`
	// CustomAnnotations are set on the scan's Job and pod.
	CustomAnnotations map[string]string `json:"custom_annotations,omitempty"`
	// Image is KRR's image (Robusta's KRR_IMAGE_OVERRIDE setting).
	Image string `json:"image,omitempty" jsonschema:"default=robustadev/krr:v1.29.0"`
}

// KRRScan runs KRR (Kubernetes Resource Recommender) as a Job in the
// runner's namespace, waits for it, and reports its recommendations: a
// "KRR Report" finding (a REPORT, aggregation key KrrReport) with the
// score, a table of each container's CPU and memory requests and limits
// against KRR's recommendation, and KRR's JSON as a file. A write action:
// it creates the Job, and a Secret for the Prometheus credentials, which
// never appear in the Job's spec.
//
// What it cannot do without Robusta's platform: Robusta's runner shows
// the scan in its UI (the scan_updated events, KRRScanReportBlock) and,
// by default, has KRR post its result to the runner; here the result is
// read from the Job's log when it ends (Robusta's KRR_PUSH_SCAN=false
// mode) and sent to the playbook's sinks as a table. Robusta's templating
// of krr_args from the event's subject is not done: the scan runs on a
// schedule, which has no subject. KRR gets no prometheus_url_query_string
// (it has no flag for one), and only its generic Prometheus settings (no
// EKS, Coralogix or OpenShift ones).
//
//robusta:action
//robusta:rbac groups=apps,resources=deployments;statefulsets;daemonsets;replicasets,verbs=list
//robusta:rbac groups=batch,resources=jobs;cronjobs,verbs=list
//robusta:rbac groups=core,resources=pods;namespaces;nodes,verbs=list
//robusta:rbac groups=autoscaling,resources=horizontalpodautoscalers,verbs=list
func KRRScan(ctx context.Context, event api.ExecutionEvent, params KRRParams) error {
	c := event.Execution().Cluster()
	if c == nil {
		return api.ErrNoCluster
	}
	line := params.KRRArgs
	if params.Args != "" {
		line = params.Args // deprecated, but it wins, as in Robusta
	}
	args, err := splitArgs(line)
	if err != nil {
		return fmt.Errorf("krr_args: %w", err)
	}
	if err := checkKRRArgs(args); err != nil {
		return err
	}
	params = krrDefaults(params)
	ns := runnerNamespace()
	if params.ServiceAccountName == "" {
		params.ServiceAccountName = runnerServiceAccount(ctx, c)
	}
	scanID, start := uuid.NewString(), time.Now().UTC()
	secrets := krrSecrets(params.PrometheusParams)
	job, err := krrJob(params, ns, scanID, start.Format(time.RFC3339), krrCommand(params, args, secrets), "krr-auth-secret"+scanID, secrets)
	if err != nil {
		return err
	}
	log, err := runJob(ctx, c, job, secretOf(ns, "krr-auth-secret"+scanID, secrets), time.Duration(params.Timeout)*time.Second)
	if err != nil {
		return fmt.Errorf("KRR scan %s: %w", scanID, err)
	}
	report, raw, err := parseKRR(log)
	if err != nil {
		return fmt.Errorf("KRR scan %s: %w", scanID, err)
	}
	f := &api.Finding{
		Title:          "KRR Report",
		Severity:       api.SeverityInfo,
		Source:         api.SourceManual,
		Type:           api.TypeReport,
		AggregationKey: "KrrReport",
		StartsAt:       start,
	}
	f.Fingerprint = f.ComputeFingerprint()
	event.AddFinding(f)
	event.AddEnrichment(report.blocks(scanID, raw)...)
	return nil
}

// krrDefaults fills what the values' defaults fill, for a caller that
// binds the params without them.
func krrDefaults(p KRRParams) KRRParams {
	p.Strategy = cmp.Or(p.Strategy, "simple")
	p.Image = cmp.Or(p.Image, "robustadev/krr:v1.29.0")
	p.Timeout = cmp.Or(p.Timeout, 3600)
	p.MaxWorkers = cmp.Or(p.MaxWorkers, 3)
	return p
}

// krrSecrets are the Prometheus credentials KRR reads from its
// environment, as Robusta passes them: the Authorization header, and each
// additional header (in name order).
func krrSecrets(p api.PrometheusParams) []krrSecretEnv {
	var out []krrSecretEnv
	if p.PrometheusAuth != "" {
		out = append(out, krrSecretEnv{env: "PROMETHEUS_AUTH_HEADER", key: "prometheus-auth-header", value: p.PrometheusAuth, flag: "--prometheus-auth-header"})
	}
	for _, name := range slices.Sorted(maps.Keys(p.PrometheusAdditionalHeaders)) {
		out = append(out, krrSecretEnv{
			env:   "PROMETHEUS_HEADER_" + strings.ToUpper(strings.ReplaceAll(name, "-", "_")),
			key:   "prometheus-header-" + strings.ToLower(name),
			value: p.PrometheusAdditionalHeaders[name], flag: "--prometheus-headers", headerName: name,
		})
	}
	return out
}
