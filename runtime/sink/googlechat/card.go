package googlechat

// The Chat API's message and cardsV2 shapes the sink writes
// (developers.google.com/workspace/chat/api/reference/rest/v1/cards).
type message struct {
	FallbackText string    `json:"fallbackText,omitempty"`
	CardsV2      []cardRef `json:"cardsV2"`
	Thread       *thread   `json:"thread,omitempty"`
}

type thread struct {
	ThreadKey string `json:"threadKey"`
}

type cardRef struct {
	CardID string `json:"cardId"`
	Card   card   `json:"card"`
}

type card struct {
	Header   header    `json:"header"`
	Sections []section `json:"sections"`
}

type header struct {
	Title    string `json:"title"`
	Subtitle string `json:"subtitle,omitempty"`
}

type section struct {
	Header  string   `json:"header,omitempty"`
	Widgets []widget `json:"widgets"`
}

// widget is one of its fields set.
type widget struct {
	TextParagraph *textParagraph `json:"textParagraph,omitempty"`
	DecoratedText *decoratedText `json:"decoratedText,omitempty"`
	ButtonList    *buttonList    `json:"buttonList,omitempty"`
	Divider       *struct{}      `json:"divider,omitempty"`
}

type textParagraph struct {
	Text string `json:"text"`
}

type decoratedText struct {
	TopLabel    string `json:"topLabel,omitempty"`
	Text        string `json:"text"`
	BottomLabel string `json:"bottomLabel,omitempty"`
	WrapText    bool   `json:"wrapText,omitempty"`
	StartIcon   *icon  `json:"startIcon,omitempty"`
}

type icon struct {
	KnownIcon string `json:"knownIcon"`
}

type buttonList struct {
	Buttons []button `json:"buttons"`
}

type button struct {
	Text    string  `json:"text"`
	OnClick onClick `json:"onClick"`
}

type onClick struct {
	OpenLink openLink `json:"openLink"`
}

type openLink struct {
	URL string `json:"url"`
}

func paragraph(html string) widget { return widget{TextParagraph: &textParagraph{Text: html}} }
