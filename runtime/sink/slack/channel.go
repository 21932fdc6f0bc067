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
	c := strings.TrimSpace(tmpl.Expand(s.override, tmpl.SubjectVars(s.cluster, f.Subject.Labels, f.Subject.Annotations)))
	if c == "" || strings.Contains(c, tmpl.Missing) {
		return s.channel
	}
	return c
}
