package playbooks

import (
	"context"
	"fmt"
	"slices"
	"strconv"

	batchv1 "k8s.io/api/batch/v1"
	corev1 "k8s.io/api/core/v1"

	"github.com/robusta-go/robusta/runtime/api"
)

// JobInfoEnricher adds the "*Job information*" table: the job's status,
// completions, failures, backoff limit, duration, and each container's
// image, CPU and memory requests and limits.
//
//robusta:action
func JobInfoEnricher(ctx context.Context, event api.JobEvent) error {
	job := event.GetJob()
	if job == nil {
		return api.ErrNoJob
	}
	event.AddEnrichment(jobInfoTable(job.Job))
	return nil
}

func jobInfoTable(job *batchv1.Job) api.Table {
	st, spec := job.Status, job.Spec
	status, message := jobStatus(st)
	rows := [][]string{{"status", status}}
	if message != "" {
		rows = append(rows, []string{"message", message})
	}
	end := "None"
	if st.CompletionTime != nil {
		end = k8sTime(st.CompletionTime.Time)
	}
	start := "None"
	if st.StartTime != nil {
		start = k8sTime(st.StartTime.Time)
	}
	rows = append(rows,
		[]string{"completions", fmt.Sprintf("%d/%s", st.Succeeded, optInt(spec.Completions))},
		[]string{"failures", strconv.Itoa(int(st.Failed))},
		[]string{"backoffLimit", optInt(spec.BackoffLimit)},
		[]string{"duration", start + " - " + end},
		[]string{"containers", "------------------"},
	)
	for _, c := range slices.Concat(spec.Template.Spec.InitContainers, spec.Template.Spec.Containers) {
		req, lim := c.Resources.Requests, c.Resources.Limits
		rows = append(rows,
			[]string{"name", c.Name},
			[]string{"image", c.Image},
			[]string{"cpu (request/limit)", cpuCores(req) + "/" + cpuCores(lim)},
			[]string{"memory MB (request/limit)", memoryMB(req) + "/" + memoryMB(lim)},
		)
	}
	t := api.TableBlock([]string{"description", "value"}, rows)
	t.Name = "*Job information*"
	return t
}

// jobStatus is Robusta's job status line: Running while pods are active,
// else the condition that holds with its message. Where several hold
// (Kubernetes 1.31 sets FailureTarget, then Failed; SuccessCriteriaMet,
// then Complete) the final one, Failed or Complete, is shown: Robusta takes
// the first in the list, which can be the interim one.
func jobStatus(st batchv1.JobStatus) (status, message string) {
	if st.Active > 0 {
		return "Running", ""
	}
	var first *batchv1.JobCondition
	for i, c := range st.Conditions {
		if c.Status != corev1.ConditionTrue {
			continue
		}
		if c.Type == batchv1.JobFailed || c.Type == batchv1.JobComplete {
			return string(c.Type), c.Message
		}
		if first == nil {
			first = &st.Conditions[i]
		}
	}
	switch {
	case first != nil:
		return string(first.Type), first.Message
	case st.Failed == 0 && st.Succeeded == 0 && len(st.Conditions) == 0:
		return "Starting", ""
	}
	return "Unknown", ""
}

func optInt(p *int32) string {
	if p == nil {
		return "None"
	}
	return strconv.Itoa(int(*p))
}

// cpuCores writes a CPU quantity in cores as Robusta does (0.25, 1.0);
// "None" when unset or zero.
func cpuCores(l corev1.ResourceList) string {
	q, ok := l[corev1.ResourceCPU]
	if !ok || q.IsZero() {
		return "None"
	}
	s := strconv.FormatFloat(float64(q.MilliValue())/1000, 'f', -1, 64)
	if q.MilliValue()%1000 == 0 {
		s += ".0" // Python's str of a float
	}
	return s
}

// memoryMB writes a memory quantity in whole MiB, as Robusta does; "None"
// when unset or under 1 MiB.
func memoryMB(l corev1.ResourceList) string {
	q, ok := l[corev1.ResourceMemory]
	if !ok {
		return "None"
	}
	mb := q.Value() / (1 << 20)
	if mb == 0 {
		return "None"
	}
	return strconv.FormatInt(mb, 10)
}
