package reach

import (
	"github.com/robusta-go/robusta/gen/model"
	"github.com/robusta-go/robusta/internal/modpath"
)

// apiPath is runtime/api's import path.
const apiPath = modpath.API

// apiRules are the cluster operations of runtime/api's methods, by
// types.Func.FullName. Exec opens with a GET over WebSocket and falls back
// to a POST (create) over SPDY, so it needs both verbs.
var apiRules = map[string][]model.RBACRule{
	"(*" + apiPath + ".Pod).GetLogs":     {core("pods/log", "get")},
	"(*" + apiPath + ".Pod).Exec":        {core("pods/exec", "create", "get")},
	"(*" + apiPath + ".Pod).ExecIn":      {core("pods/exec", "create", "get")},
	"(*" + apiPath + ".Pod).Events":      {core("events", "list")},
	apiPath + ".ObjectEvents":            {core("events", "list")},
	"(*" + apiPath + ".Deployment).Pods": {core("pods", "list")},
	"(*" + apiPath + ".Job).Pods":        {core("pods", "list")},
	"(*" + apiPath + ".Node).Pods":       {core("pods", "list")},
	apiPath + ".SelectPods":              {core("pods", "list")},
	"(" + apiPath + ".Cluster).Logs":     {core("pods/log", "get")},
	"(" + apiPath + ".Cluster).Exec":     {core("pods/exec", "create", "get")},
}

func core(resource string, verbs ...string) model.RBACRule {
	return model.RBACRule{Groups: []string{""}, Resources: []string{resource}, Verbs: verbs}
}
