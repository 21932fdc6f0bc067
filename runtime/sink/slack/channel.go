package slack

import (
	"fmt"
	"regexp"
	"strings"

	"github.com/robusta-go/robusta/runtime/api"
	"github.com/robusta-go/robusta/runtime/tmpl"
)

// channel_override forms, as Robusta's ChannelTransformer accepts them: a
// bare variable (cluster_name, labels.<key>, annotations.<key>) or a
// template that uses one ($cluster_name-alerts-$labels.env,
// ${annotations.kubernetes.io/service-name}).
var (
	bareOverride      = regexp.MustCompile(`^(cluster_name|labels\.[^$]+|annotations\.[^$]+)$`)
	compositeOverride = regexp.MustCompile(`\$\{?(cluster_name|labels\.|annotations\.)`)
)

// overridePattern is the two forms above for the params schema.
const overridePattern = `^(cluster_name|labels\.[^$]+|annotations\.[^$]+)$|\$\{?(cluster_name|labels\.|annotations\.)`

// parseOverride checks a channel_override and returns it as a template
// ("" for none). A bare variable is braced, so that keys with / or - stay
// whole: annotations.kubernetes.io/service-name.
func parseOverride(s string) (string, error) {
	switch {
	case s == "":
		return "", nil
	case bareOverride.MatchString(s):
		return "${" + s + "}", nil
	case compositeOverride.MatchString(s):
		return s, nil
	}
	return "", fmt.Errorf("channel_override %q must be cluster_name, labels.<key> or annotations.<key>, or contain $cluster_name, $labels.<key> or $annotations.<key>", s)
}

// channelFor is the channel f goes to: the override expanded with the
// cluster name and f's subject labels and annotations, or slack_channel
// when there is no override or it expands to nothing or to a missing value.
func (s *Sink) channelFor(f *api.Finding) string {
	if s.override == "" {
		return s.channel
	}
	c := strings.TrimSpace(tmpl.Expand(s.override, func(key string) (string, bool) {
		if key == "cluster_name" {
			return s.cluster, s.cluster != ""
		}
		prefix, name, _ := strings.Cut(key, ".")
		switch prefix {
		case "labels":
			return lookupKey(f.Subject.Labels, name)
		case "annotations":
			return lookupKey(f.Subject.Annotations, name)
		}
		return "", false
	}))
	if c == "" || strings.Contains(c, tmpl.Missing) {
		return s.channel
	}
	return c
}

// lookupKey finds key in m, exactly or, as Robusta does, with /, . and -
// all read as _ ($labels.app_kubernetes_io_name finds
// app.kubernetes.io/name).
func lookupKey(m map[string]string, key string) (string, bool) {
	if v, ok := m[key]; ok {
		return v, true
	}
	want, found, val, ok := normalizeKey(key), "", "", false
	for k, v := range m {
		if normalizeKey(k) == want && (!ok || k < found) { // the same key every time
			found, val, ok = k, v, true
		}
	}
	return val, ok
}

var normalizeKey = strings.NewReplacer("/", "_", ".", "_", "-", "_").Replace
