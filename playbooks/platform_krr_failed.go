package playbooks

import (
	"context"
	"log/slog"

	"github.com/robusta-go/robusta/runtime/api"
)

// FailKRRScan handles a failed KRR scan Job (Robusta's KrrJobFailed
// playbook, on_job_failure of the Jobs labelled app=krr.robusta.dev): it
// logs the scan's id and start, from the Job's scan-id and start-time
// annotations, as an error. It sends nothing to sinks, as in Robusta,
// where the failure goes only to Robusta's platform (a scan_updated
// event), which robusta-go has not: krr_scan itself reports a scan whose
// Job fails as its error, and this action covers the Jobs it no longer
// waits for (a runner restart) and those a Robusta runner started.
//
//robusta:action
func FailKRRScan(ctx context.Context, event api.JobEvent) error {
	job := event.GetJob()
	if job == nil {
		return api.ErrNoJob
	}
	scanID, start := job.Annotations["scan-id"], job.Annotations["start-time"]
	if scanID == "" || start == "" {
		slog.Error("cannot run fail_krr_scan, scan_id or start_time are missing", "job", job.Namespace+"/"+job.Name)
		return nil
	}
	slog.Error("Krr Job Failed", "scan_id", scanID, "start_time", start, "job", job.Namespace+"/"+job.Name)
	return nil
}
