package chat

import (
	"bytes"
	"encoding/json"

	"github.com/robusta-go/robusta/runtime/api"
)

// PatchLines are a diff's changes as a unified diff shows them, for a
// "diff" code block that services colour: "- path: old" for the value that
// went, "+ path: new" for the one that came (a change is both).
func PatchLines(d api.KubernetesDiff) []string {
	var out []string
	for _, x := range d.Diffs {
		if x.Old != "" {
			out = append(out, "- "+x.Path+": "+x.Old)
		}
		if x.New != "" {
			out = append(out, "+ "+x.Path+": "+x.New)
		}
	}
	return out
}

// IndentJSON is data indented by two spaces for a code block, or data as
// it came when it is not valid JSON: a block is shown, never dropped.
func IndentJSON(data []byte) string {
	var buf bytes.Buffer
	if json.Indent(&buf, data, "", "  ") != nil {
		return string(data)
	}
	return buf.String()
}
