package trigger

import (
	batchv1 "k8s.io/api/batch/v1"
)

// on_job_failure (Robusta's JobFailedTrigger): the Job has a Failed
// condition now and had none before, so that later updates of a failed Job
// do not fire again. It has no rate limit.
var deriveJobFailure = deriveWith(
	func() ObjectFilters { return ObjectFilters{} },
	func(p *ObjectFilters) ObjectFilters { return *p },
	func(*ObjectFilters) (predicate, []error) {
		return func(in Input) (Limit, bool) {
			job, ok := in.Obj.(*batchv1.Job)
			if !ok || !jobFailed(job) {
				return Limit{}, false
			}
			old, _ := in.Old.(*batchv1.Job)
			return Limit{}, !jobFailed(old)
		}, nil
	})

// jobFailed reports whether job has a condition of type Failed. Like
// Robusta, it ignores the condition's status: a Failed condition is only
// ever added as True.
func jobFailed(job *batchv1.Job) bool {
	if job == nil {
		return false
	}
	for i := range job.Status.Conditions {
		if job.Status.Conditions[i].Type == batchv1.JobFailed {
			return true
		}
	}
	return false
}
