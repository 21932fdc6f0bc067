package api

import (
	"encoding/json"
)

// Block is one piece of an enrichment. Sinks render each block type their
// own way and skip the types they cannot show. Blocks are values: once added
// they are not changed.
type Block interface {
	// BlockType is the block's name in sink output ("markdown", "file", ...).
	BlockType() string
}

// Markdown is text in Slack-flavoured Markdown.
type Markdown struct {
	Text string `json:"text"`
}

// File is a named attachment; text files (.txt, .log) may be shown inline.
type File struct {
	Name     string `json:"filename"`
	Contents []byte `json:"contents"`
}

// Header is a heading.
type Header struct {
	Text string `json:"text"`
}

// List is a bulleted list.
type List struct {
	Items []string `json:"items"`
}

// Table is a table with optional headers and name.
type Table struct {
	Name    string     `json:"table_name,omitempty"`
	Headers []string   `json:"headers,omitempty"`
	Rows    [][]string `json:"rows"`
}

// Divider separates blocks.
type Divider struct{}

// Links is a list of links.
type Links struct {
	Links []Link `json:"links"`
}

// JSON is a JSON document shown verbatim.
type JSON struct {
	Data json.RawMessage `json:"data"`
}

// MarkdownBlock returns a Markdown block.
func MarkdownBlock(text string) Markdown { return Markdown{Text: text} }

// FileBlock returns a File block.
func FileBlock(name string, contents []byte) File { return File{Name: name, Contents: contents} }

// HeaderBlock returns a Header block.
func HeaderBlock(text string) Header { return Header{Text: text} }

// ListBlock returns a List block.
func ListBlock(items ...string) List { return List{Items: items} }

// TableBlock returns a Table block; every row should have len(headers) cells.
func TableBlock(headers []string, rows [][]string) Table { return Table{Headers: headers, Rows: rows} }

// DividerBlock returns a Divider block.
func DividerBlock() Divider { return Divider{} }

// LinksBlock returns a Links block.
func LinksBlock(links ...Link) Links { return Links{Links: links} }

// JSONBlock returns a JSON block holding v marshalled; a value that cannot
// be marshalled is shown as a JSON string with the error. Kubernetes objects
// in v (an object, a list, or a slice or map of them) are shown as Sanitize
// makes them: no managedFields, no last-applied annotation, no Secret value.
func JSONBlock(v any) JSON {
	b, err := json.Marshal(findingValue(v))
	if err != nil {
		b, _ = json.Marshal("unencodable value: " + err.Error())
	}
	return JSON{Data: b}
}

// BlockType implements Block.
func (Markdown) BlockType() string { return "markdown" }

// BlockType implements Block.
func (File) BlockType() string { return "file" }

// BlockType implements Block.
func (Header) BlockType() string { return "header" }

// BlockType implements Block.
func (List) BlockType() string { return "list" }

// BlockType implements Block.
func (Table) BlockType() string { return "table" }

// BlockType implements Block.
func (Divider) BlockType() string { return "divider" }

// BlockType implements Block.
func (Links) BlockType() string { return "links" }

// BlockType implements Block.
func (JSON) BlockType() string { return "json" }

// BlockType implements Block.
func (KubernetesDiff) BlockType() string { return "kubernetes_diff" }

// MarshalJSON writes the enrichment with each block tagged by its type, the
// shape sinks that speak JSON (file_sink, webhook_sink) emit.
func (e Enrichment) MarshalJSON() ([]byte, error) {
	blocks := make([]json.RawMessage, len(e.Blocks))
	for i, b := range e.Blocks {
		raw, err := marshalBlock(b)
		if err != nil {
			return nil, err
		}
		blocks[i] = raw
	}
	return json.Marshal(struct {
		Title  string            `json:"title,omitempty"`
		Blocks []json.RawMessage `json:"blocks"`
	}{e.Title, blocks})
}

// marshalBlock writes b's fields with "type" first. The block is marshalled
// on its own and spliced, so block types need no JSON code of their own.
func marshalBlock(b Block) ([]byte, error) {
	fields, err := json.Marshal(b)
	if err != nil {
		return nil, err
	}
	typ, _ := json.Marshal(b.BlockType())
	out := append([]byte(`{"type":`), typ...)
	if len(fields) > 2 { // more than "{}"
		out = append(out, ',')
		out = append(out, fields[1:]...)
	} else {
		out = append(out, '}')
	}
	return out, nil
}

// AddTitledEnrichment adds blocks to ev's current finding as one enrichment
// under title, as AddEnrichment does without one.
func AddTitledEnrichment(ev ExecutionEvent, title string, blocks ...Block) {
	ev.Execution().AddTitledEnrichment(ev, title, blocks)
}
