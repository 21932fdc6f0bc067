package playbooks

import (
	corev1 "k8s.io/api/core/v1"
)

// relatedContainersJSON is Robusta's RelatedContainer list of related_pods'
// json output: each container's resources (cores, MB), restarts, current
// state and how its previous instance ended.
func relatedContainersJSON(p *corev1.Pod) []map[string]any {
	out := []map[string]any{}
	for _, c := range p.Spec.Containers {
		req, lim := c.Resources.Requests, c.Resources.Limits
		m := map[string]any{
			"name":     c.Name,
			"cpuLimit": float64(lim.Cpu().MilliValue()) / 1000, "cpuRequest": float64(req.Cpu().MilliValue()) / 1000,
			"memoryLimit": mbOf(lim), "memoryRequest": mbOf(req),
			"restarts": 0, "status": "waiting", "ports": c.Ports,
		}
		for _, cs := range p.Status.ContainerStatuses {
			if cs.Name != c.Name {
				continue
			}
			m["restarts"] = cs.RestartCount
			switch s := cs.State; {
			case s.Running != nil:
				m["status"] = "running"
				if !s.Running.StartedAt.IsZero() {
					m["created"] = k8sTime(s.Running.StartedAt.Time)
				}
			case s.Waiting != nil:
				m["statusReason"], m["statusMessage"] = s.Waiting.Reason, s.Waiting.Message
			case s.Terminated != nil:
				m["status"], m["statusReason"], m["statusMessage"] = "terminated", s.Terminated.Reason, s.Terminated.Message
				if !s.Terminated.StartedAt.IsZero() {
					m["created"] = k8sTime(s.Terminated.StartedAt.Time)
				}
			}
			if t := cs.LastTerminationState.Terminated; t != nil {
				m["terminatedReason"], m["terminatedExitCode"] = t.Reason, t.ExitCode
				m["terminatedStarted"], m["terminatedFinished"] = k8sTime(t.StartedAt.Time), k8sTime(t.FinishedAt.Time)
			}
		}
		out = append(out, m)
	}
	return out
}
