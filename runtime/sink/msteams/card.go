package msteams

// The Adaptive Card elements the sink writes (adaptivecards.io/explorer),
// as one struct: each type uses some of the fields.
type element struct {
	Type             string        `json:"type"`
	Text             string        `json:"text,omitempty"`
	Wrap             bool          `json:"wrap,omitempty"`
	Size             string        `json:"size,omitempty"`
	Weight           string        `json:"weight,omitempty"`
	Color            string        `json:"color,omitempty"`
	FontType         string        `json:"fontType,omitempty"`
	IsSubtle         bool          `json:"isSubtle,omitempty"`
	Separator        bool          `json:"separator,omitempty"`
	Spacing          string        `json:"spacing,omitempty"`
	Style            string        `json:"style,omitempty"`
	Bleed            bool          `json:"bleed,omitempty"`
	Items            []element     `json:"items,omitempty"`
	Facts            []fact        `json:"facts,omitempty"`
	Inlines          []textRun     `json:"inlines,omitempty"`
	Columns          []tableColumn `json:"columns,omitempty"`
	Rows             []tableRow    `json:"rows,omitempty"`
	FirstRowAsHeader bool          `json:"firstRowAsHeader,omitempty"`
	GridStyle        string        `json:"gridStyle,omitempty"`
	URL              string        `json:"url,omitempty"`
	AltText          string        `json:"altText,omitempty"`
	Actions          []action      `json:"actions,omitempty"`
}

type fact struct {
	Title string `json:"title"`
	Value string `json:"value"`
}

type textRun struct {
	Type     string `json:"type"` // TextRun
	Text     string `json:"text"`
	FontType string `json:"fontType,omitempty"`
	Color    string `json:"color,omitempty"`
}

type tableColumn struct {
	Width int `json:"width"`
}

type tableRow struct {
	Type  string      `json:"type"` // TableRow
	Cells []tableCell `json:"cells"`
}

type tableCell struct {
	Type  string    `json:"type"` // TableCell
	Items []element `json:"items"`
}

type action struct {
	Type  string `json:"type"` // Action.OpenUrl
	Title string `json:"title"`
	URL   string `json:"url"`
}

// envelope is the message a Teams webhook takes.
type envelope struct {
	Type        string       `json:"type"` // message
	Attachments []attachment `json:"attachments"`
}

type attachment struct {
	ContentType string  `json:"contentType"`
	ContentURL  *string `json:"contentUrl"`
	Content     card    `json:"content"`
}

type card struct {
	Schema  string        `json:"$schema"`
	Type    string        `json:"type"`
	Version string        `json:"version"`
	MSTeams msteamsOption `json:"msteams"`
	Body    []element     `json:"body"`
}

type msteamsOption struct {
	Width string `json:"width"`
}

func wrap(body []element) envelope {
	return envelope{Type: "message", Attachments: []attachment{{
		ContentType: "application/vnd.microsoft.card.adaptive",
		Content: card{
			Schema:  "http://adaptivecards.io/schemas/adaptive-card.json",
			Type:    "AdaptiveCard",
			Version: "1.5",
			MSTeams: msteamsOption{Width: "Full"},
			Body:    body,
		},
	}}}
}

func textBlock(text string) element { return element{Type: "TextBlock", Text: text, Wrap: true} }

// monospace is text shown as is: TextRuns are not read as markdown.
func monospace(runs ...textRun) element {
	for i := range runs {
		runs[i].Type, runs[i].FontType = "TextRun", "Monospace"
	}
	return element{Type: "RichTextBlock", Inlines: runs}
}
