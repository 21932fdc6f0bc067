// Package schedule runs the on_schedule playbooks: Robusta's scheduler
// (src/robusta/core/schedule), with its state kept in a ConfigMap so that a
// runner restart continues each schedule instead of starting it again.
//
// Each scheduled playbook is a Job, identified by ID: a hash of its
// on_schedule params and of its actions' names and params (JobsFor), not
// its position, so reordering or adding playbooks keeps every schedule's
// state, and editing a schedule or its actions starts it afresh. One
// goroutine per job waits on the Clock for the next run, submits a
// *api.ScheduledEvent with Recurrence set to the runs so far (from 0), then
// records the run (count and time) in the Store.
//
// Timing, as read from Robusta's ScheduledJob / FixedDelayRepeat semantics
// (reference §2: the first run comes a while after configuration, job state
// lives in a ConfigMap):
//
//   - fixed_delay_repeat: a new job first runs InitialDelay (default 120s,
//     Robusta's documented first-run delay) after the scheduler starts, then
//     every seconds_delay after the previous run. It stops after repeat runs;
//     -1, the default as in Robusta, runs forever. seconds_delay is at most
//     trigger.MaxSecondsDelay, the longest time.Duration. After a restart a finished job never runs again, and
//     an unfinished one runs at last run + seconds_delay, at once if that
//     time has passed (one catch-up run, never a burst).
//   - cron_schedule_repeat: the expression is parsed with robfig/cron/v3's
//     standard parser (five fields, or a descriptor such as @hourly; times in
//     the process's local zone unless CRON_TZ= is given). A run is due at the
//     next match after now; matches missed while the runner was down are
//     skipped, since a cron expression names wall-clock times. It runs
//     forever; only the count carries over a restart. An expression that
//     matches nothing ahead (0 0 30 2 *) is refused by trigger.ParseCron.
//
// A job whose next run is not after now (a time past, or robfig/cron's zero
// time for "no match") stops with an error: waiting for it would return at
// once and the job would run back to back. A stored last run later than now
// (another runner's clock ahead) counts from now.
//
// Delivery is at least once: the run is recorded after it is submitted, so
// a crash between the two repeats that run after the restart (Robusta
// behaves the same). A Store failure is logged and the in-memory state
// keeps counting.
//
// ConfigMapStore keeps the state in the ConfigMap robusta-scheduled-jobs
// (DefaultConfigMap), one key per job ID holding JSON {playbook, runs,
// last_run}. The name differs from Robusta's scheduled-jobs on purpose: the
// two formats differ, and a Python Robusta installed in the same namespace
// must not read ours. The ConfigMap can be edited by hand: a key that does
// not hold a state is logged and skipped (its job starts afresh), and at
// each start the keys of jobs no longer configured are pruned, since every
// edit of a schedule makes a new ID. Writes are read-modify-write of one key, retried on
// conflict, since every job writes to the same object.
package schedule
