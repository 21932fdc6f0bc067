package playbooks

import (
	"context"
	"fmt"
	"log/slog"
	"slices"
	"strconv"

	appsv1 "k8s.io/api/apps/v1"
	corev1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"

	"github.com/robusta-go/robusta/runtime/api"
)

// DaemonsetStatusEnricher adds "*Daemonset Stats for <name>*": the
// desired, current, available and misscheduled pod counts (Robusta's
// field/value table), and how a daemonset's pods move through them.
//
//robusta:action
func DaemonsetStatusEnricher(ctx context.Context, event api.DaemonSetEvent) error {
	ds := event.GetDaemonSet()
	if ds == nil {
		slog.Debug("daemonset_status_enricher: the event has no daemonset", "event", fmt.Sprintf("%T", event))
		return nil
	}
	st := ds.Status
	fields := api.TableBlock([]string{"field", "value"}, [][]string{
		{"status.desiredNumberScheduled", strconv.Itoa(int(st.DesiredNumberScheduled))},
		{"status.currentNumberScheduled", strconv.Itoa(int(st.CurrentNumberScheduled))},
		{"status.numberAvailable", strconv.Itoa(int(st.NumberAvailable))},
		{"status.numberMisscheduled", strconv.Itoa(int(st.NumberMisscheduled))},
	})
	event.AddEnrichment(
		api.MarkdownBlock("*Daemonset Stats for "+ds.Name+"*"),
		fields,
		api.MarkdownBlock("_Daemonset lifecycle: pods start out as desired, then get scheduled, and then become available. "+
			"If Kubernetes then decides a pod shouldn't be running on a node after all, it becomes misscheduled._"),
	)
	return nil
}

// autoscalerTaint is the taint the cluster autoscaler puts on a node it is
// about to remove.
const autoscalerTaint = "ToBeDeletedByClusterAutoscaler"

// DaemonsetMisscheduledAnalysisEnricher explains a misscheduled daemonset
// when it is the known false alarm: the cluster autoscaler is removing a
// node (tainted ToBeDeletedByClusterAutoscaler) that runs one of the
// daemonset's pods, and the daemonset does not tolerate that taint.
// Otherwise it adds nothing. Robusta offers two buttons (fix the
// configuration, silence the false alarm) that call back into the runner;
// there are no callbacks here, so both answers are written out.
//
//robusta:action
func DaemonsetMisscheduledAnalysisEnricher(ctx context.Context, event api.DaemonSetEvent) error {
	ds := event.GetDaemonSet()
	if ds == nil {
		slog.Debug("daemonset_misscheduled_analysis_enricher: the event has no daemonset", "event", fmt.Sprintf("%T", event))
		return nil
	}
	known, err := misscheduledFalseAlarm(ctx, event.Execution().Cluster(), ds)
	if err != nil || !known {
		return err
	}
	event.AddEnrichment(
		api.MarkdownBlock("*Alert Cause*\n This specific firing of the alert is a *known false alarm* which occurs when the "+
			"cluster autoscaler removes nodes running daemonsets which didn't explicitly request to remain running during node-shutdown."),
		api.MarkdownBlock("(<https://blog.florentdelannoy.com/blog/2020/kube-daemonset-misscheduled/|Learn more>).\n\n"+
			"*Remediation*\n"+
			"1. Fix the daemonset configuration to avoid the false alarm: add to the daemonset's pod template\n"+
			"```\ntolerations:\n- effect: NoSchedule\n  key: ToBeDeletedByClusterAutoscaler\n  operator: Exists\n```\n"+
			"This will tell Kubernetes that it is OK if daemonsets keep running while a node shuts down.\n"+
			"2. Or silence the alert while the cluster autoscaler removes a node, passing through real alerts."),
	)
	return nil
}

// misscheduledFalseAlarm is Robusta's check_for_known_mismatch_false_alarm:
// no toleration of the autoscaler's taint, and a pod of the daemonset on a
// node carrying it.
func misscheduledFalseAlarm(ctx context.Context, c api.Cluster, ds *appsv1.DaemonSet) (bool, error) {
	if slices.ContainsFunc(ds.Spec.Template.Spec.Tolerations, func(t corev1.Toleration) bool { return t.Key == autoscalerTaint }) {
		return false, nil
	}
	if c == nil {
		return false, api.ErrNoCluster
	}
	pods, err := api.SelectPods(ctx, c, ds.Namespace, ds.Spec.Selector)
	if err != nil {
		return false, fmt.Errorf("listing the pods of daemonset %s/%s: %w", ds.Namespace, ds.Name, err)
	}
	nodes, err := c.Kubernetes().CoreV1().Nodes().List(ctx, metav1.ListOptions{})
	if err != nil {
		return false, fmt.Errorf("listing nodes: %w", err)
	}
	tainted := map[string]bool{}
	for _, n := range nodes.Items {
		tainted[n.Name] = slices.ContainsFunc(n.Spec.Taints, func(t corev1.Taint) bool { return t.Key == autoscalerTaint })
	}
	for _, p := range pods {
		// Robusta takes the pods the daemonset owns directly; the selector
		// can match others, so ownership is checked too.
		if metav1.IsControlledBy(&p, ds) && tainted[p.Spec.NodeName] {
			return true, nil
		}
	}
	return false, nil
}
