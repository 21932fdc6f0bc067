package playbooks

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strconv"

	batchv1 "k8s.io/api/batch/v1"
	corev1 "k8s.io/api/core/v1"
	"k8s.io/apimachinery/pkg/api/resource"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
)

// krrPodLabel is what Robusta's KrrJobFailed playbook selects KRR's Jobs by.
var krrPodLabel = map[string]string{"app": "krr.robusta.dev"}

// krrSecretEnv is an environment variable of the KRR container filled
// from the scan's Secret, so that Prometheus credentials never appear in
// the Job's spec.
// flag is the KRR flag it goes to, with headerName: before it for a
// header (--prometheus-headers 'X-Scope:$(PROMETHEUS_HEADER_X_SCOPE)').
type krrSecretEnv struct{ env, key, value, flag, headerName string }

// krrCommand is KRR's argv: python krr.py <strategy> <krr_args> ... -f json.
// Secret values reach it as $(ENV) references, which the kubelet expands
// from the container's environment.
func krrCommand(p KRRParams, args []string, secrets []krrSecretEnv) []string {
	cmd := append([]string{"python", "krr.py", p.Strategy}, args...)
	if len(p.PrometheusAdditionalLabels) == 1 && !hasLabelArg(args) {
		for k, v := range p.PrometheusAdditionalLabels {
			cmd = append(cmd, "--prometheus-label", k, "-l", v)
		}
	}
	cmd = append(cmd, "--max-workers", strconv.Itoa(p.MaxWorkers))
	if p.KRRVerbose {
		cmd = append(cmd, "-v")
	}
	cmd = append(cmd, "-f", "json", "--width", "2048")
	if p.PrometheusURL != "" {
		cmd = append(cmd, "-p", p.PrometheusURL)
	}
	for _, s := range secrets {
		ref := "$(" + s.env + ")"
		if s.headerName != "" {
			ref = s.headerName + ":" + ref
		}
		cmd = append(cmd, s.flag, ref)
	}
	return cmd
}

func hasLabelArg(args []string) bool {
	for _, a := range args {
		if a == "--prometheus-label" || a == "-l" || a == "--prometheus-cluster-label" {
			return true
		}
	}
	return false
}

// krrJob is the scan's Job, as Robusta's: krr-job-<scan id> in the
// runner's namespace, no retries, kept 12 hours after it ends, 2Gi of
// memory, the scan's id and start in annotations (fail_krr_scan reads
// them). Unlike Robusta (where SET_KRR_SECURITY_CONTEXT is off by
// default), the container always runs non-root, without capabilities or
// privilege escalation, with the runtime's seccomp profile: KRR only
// talks to the API server and Prometheus.
func krrJob(p KRRParams, namespace, scanID, start string, command []string, secretName string, secrets []krrSecretEnv) (*batchv1.Job, error) {
	annotations := map[string]string{"scan-id": scanID, "start-time": start}
	for k, v := range p.CustomAnnotations {
		annotations[k] = v
	}
	var env []corev1.EnvVar
	for _, s := range secrets {
		env = append(env, corev1.EnvVar{Name: s.env, ValueFrom: &corev1.EnvVarSource{
			SecretKeyRef: &corev1.SecretKeySelector{LocalObjectReference: corev1.LocalObjectReference{Name: secretName}, Key: s.key}}})
	}
	memory := resource.MustParse("2Gi")
	yes, no := true, false
	spec := corev1.PodSpec{
		ServiceAccountName: p.ServiceAccountName,
		RestartPolicy:      corev1.RestartPolicyNever,
		Containers: []corev1.Container{{
			Name:            "krr",
			Image:           p.Image,
			ImagePullPolicy: corev1.PullAlways,
			Command:         command,
			Env:             env,
			Resources: corev1.ResourceRequirements{
				Requests: corev1.ResourceList{corev1.ResourceMemory: memory},
				Limits:   corev1.ResourceList{corev1.ResourceMemory: memory},
			},
			SecurityContext: &corev1.SecurityContext{
				RunAsNonRoot: &yes, AllowPrivilegeEscalation: &no,
				Capabilities:   &corev1.Capabilities{Drop: []corev1.Capability{"ALL"}},
				SeccompProfile: &corev1.SeccompProfile{Type: corev1.SeccompProfileTypeRuntimeDefault},
			},
		}},
	}
	spec, err := overlaySpec(spec, p.KRRJobSpec)
	if err != nil {
		return nil, err
	}
	zero, ttl := int32(0), int32(43200)
	return &batchv1.Job{
		ObjectMeta: metav1.ObjectMeta{Name: "krr-job-" + scanID, Namespace: namespace, Labels: krrPodLabel, Annotations: annotations},
		Spec: batchv1.JobSpec{
			BackoffLimit:            &zero,
			TTLSecondsAfterFinished: &ttl,
			Template: corev1.PodTemplateSpec{
				ObjectMeta: metav1.ObjectMeta{Labels: krrPodLabel, Annotations: annotations},
				Spec:       spec,
			},
		},
	}, nil
}

// overlaySpec sets krr_job_spec's keys (tolerations, nodeSelector, ...)
// on spec, as Robusta passes them to the PodSpec; a key that is not a
// PodSpec field, or a value of the wrong type, is an error.
func overlaySpec(spec corev1.PodSpec, extra map[string]any) (corev1.PodSpec, error) {
	if len(extra) == 0 {
		return spec, nil
	}
	b, err := json.Marshal(spec)
	if err != nil {
		return spec, fmt.Errorf("writing the KRR pod spec: %w", err)
	}
	var m map[string]any
	if err := json.Unmarshal(b, &m); err != nil {
		return spec, fmt.Errorf("reading the KRR pod spec: %w", err)
	}
	for k, v := range extra {
		m[k] = v
	}
	b, err = json.Marshal(m)
	if err != nil {
		return spec, fmt.Errorf("krr_job_spec: %w", err)
	}
	var out corev1.PodSpec
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&out); err != nil {
		return spec, fmt.Errorf("krr_job_spec: %w", err)
	}
	return out, nil
}
