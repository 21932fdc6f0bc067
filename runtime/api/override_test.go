package api_test

import (
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/robusta-go/robusta/runtime/api"
)

// AddLink and UpdateCurrentFinding start the default finding when there is
// none and go to the running playbook's current finding otherwise; a
// playbook routed to other sinks starts its own.
func TestAddLinkAndUpdateCurrentFinding(t *testing.T) {
	ev := &api.PodChangeEvent{Obj: testPod("prod", "web-1"), Operation: api.OperationUpdate}
	x := ev.Execution()
	x.Begin("first", nil, nil)
	api.AddLink(ev, api.Link{Name: "View Graph", URL: "http://p/graph"})
	api.UpdateCurrentFinding(ev, func(f *api.Finding) { f.Description = "more" })
	if fs := x.Findings(); len(fs) != 1 || fs[0].Title != "Update to pod web-1" || fs[0].Description != "more" ||
		!cmp.Equal(fs[0].Links, []api.Link{{Name: "View Graph", URL: "http://p/graph"}}) {
		t.Fatalf("findings %+v, want the default finding with the link and description", fs)
	}
	x.Begin("second", nil, []string{"slack"})
	api.AddLink(ev, api.Link{Name: "Video", URL: "http://v"})
	if fs := x.Findings(); len(fs) != 2 || len(fs[0].Links) != 1 || !cmp.Equal(fs[1].Links, []api.Link{{Name: "Video", URL: "http://v"}}) {
		t.Errorf("a playbook with other sinks: findings %+v", fs)
	}
}

// UpdateFindings changes every finding routed like the running playbook,
// and with none starts none.
func TestUpdateFindings(t *testing.T) {
	ev := &api.PodChangeEvent{Obj: testPod("prod", "web-1"), Operation: api.OperationUpdate}
	x := ev.Execution()
	x.Begin("pb", nil, nil)
	if n := api.UpdateFindings(ev, func(f *api.Finding) { f.Title = "x" }); n != 0 || len(x.Findings()) != 0 {
		t.Fatalf("with no finding: changed %d, findings %d; want none", n, len(x.Findings()))
	}
	ev.AddFinding(&api.Finding{Title: "a"})
	ev.AddFinding(&api.Finding{Title: "b"})
	x.Begin("other", nil, []string{"slack"})
	ev.AddFinding(&api.Finding{Title: "c"})
	x.Begin("pb", nil, nil)
	n := api.UpdateFindings(ev, func(f *api.Finding) { f.Title += "!" })
	var titles []string
	for _, f := range x.Findings() {
		titles = append(titles, f.Title)
	}
	if n != 2 || !cmp.Equal(titles, []string{"a!", "b!", "c"}) {
		t.Errorf("changed %d, titles %q; want a! b! and c untouched", n, titles)
	}
}

// After Seal (the engine gave up on the action) the calls change nothing.
func TestOverrideAfterSeal(t *testing.T) {
	ev := &api.PodChangeEvent{Obj: testPod("prod", "web-1"), Operation: api.OperationUpdate}
	ev.AddFinding(&api.Finding{Title: "a"})
	var late []string
	ev.Execution().Seal(func(call string) { late = append(late, call) })
	api.AddLink(ev, api.Link{Name: "n", URL: "http://u"})
	api.UpdateFindings(ev, func(f *api.Finding) { f.Title = "changed" })
	if f := ev.Execution().Findings()[0]; f.Title != "a" || len(f.Links) != 0 || !cmp.Equal(late, []string{"AddLink", "UpdateFindings"}) {
		t.Errorf("after Seal: finding %+v, late calls %q", f, late)
	}
}
