// Package group implements Robusta's sink grouping (a sink's grouping
// key): New wraps a sink so that findings are put in groups by the values
// of group_by, each group living interval seconds, and sent as its
// notification_mode says.
//
// # Regular mode
//
// A finding is sent once its group has had more than ignore_first
// findings within the last interval (a sliding window, as Robusta's
// NotificationGroup): with ignore_first: 3, the first three are dropped
// and the fourth and later go out, until the group goes quiet for an
// interval. Robusta's docs say this ("start sending only after the first
// 3"), but its code sends the third already (len >= threshold); here the
// docs' reading holds. Only the last ignore_first+1 times are kept per
// group, where Robusta keeps every time in the window.
//
// # Summary mode
//
// Each group has a table counting fired and resolved findings (a finding
// is resolved when its title starts with "[RESOLVED]", as in Robusta, or
// it has an end time) per combination of the summary's by values. A sink
// that implements sink.Summarizer (Slack) gets the summary posted with
// the group's first finding and updated in place with every later one;
// with threaded (the default) each finding is also sent as a reply in the
// summary's thread, and without, only the summary is. A reply whose
// summary could not be posted goes out as a plain finding instead, so a
// Slack failure on the summary loses no finding.
//
// Other sinks cannot change a message once sent. For them the summary is
// a finding of its own, a report with the group's criteria and the table,
// sent when the group's interval ends (a background sweep checks every
// few seconds) or when the sink closes; with threaded each finding is
// also sent as it comes, since there is no thread to hold it. A digest at
// the end is the useful form of a summary that cannot be updated: sent at
// the first finding it would always count one.
//
// # Groups
//
// The attributes are Robusta's finding attributes (title, identifier,
// severity, source, type, kind, namespace, node, name), read as sink
// scopes read them, and workload and cluster; {labels: [keys]} and
// {annotations: [keys]} take subject labels or annotations. A missing
// value is "(undefined)". workload is the subject's top owner, which
// Robusta looks up in its cache of workloads; here it comes from the
// subject itself: a Deployment, StatefulSet, DaemonSet, Job or CronJob is
// its own workload, and a pod's is read from the labels its controller
// sets (pod-template-hash, controller-revision-hash, job-name). A sink
// that implements sink.Router (Slack with channel_override) adds the
// finding's destination to the key, so one group stays in one channel.
//
// Robusta keeps every group forever; here a group is dropped once its
// interval has passed (summary) or it has been quiet for an interval
// (regular). State lives in memory and starts over when the runner does,
// as in Robusta. Writes of one sink are serialized by one lock, held
// across the sink's calls so that two findings of a new group make one
// summary; the engine's sink.Async writes one finding at a time anyway.
package group
