package telegram

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"log/slog"
	"mime/multipart"
	"net/http"
	"strconv"
	"strings"
	"sync"

	"github.com/robusta-go/robusta/runtime/api"
	"github.com/robusta-go/robusta/runtime/sink"
	"github.com/robusta-go/robusta/runtime/sink/chat"
	"github.com/robusta-go/robusta/runtime/sink/httpapi"
	"github.com/robusta-go/robusta/runtime/sink/retry"
)

// The Bot API's upload limits.
const (
	maxPhoto    = 10 << 20
	maxDocument = 50 << 20
)

// Option configures a Sink beyond its params.
type Option func(*Sink)

// WithClient sends through c.
func WithClient(c *http.Client) Option { return func(s *Sink) { s.api.HTTP = c } }

// WithPolicy sets the retry policy.
func WithPolicy(p retry.Policy) Option { return func(s *Sink) { s.api.Policy = p } }

// WithLogger logs through l instead of slog.Default().
func WithLogger(l *slog.Logger) Option { return func(s *Sink) { s.log = l } }

// Sink sends findings to a Telegram chat. It is safe for concurrent use.
type Sink struct {
	name, cluster string
	chatID        ChatID
	threadID      int64
	sendFiles     bool
	base, token   string
	api           httpapi.Client
	log           *slog.Logger
	sequence      sync.Mutex // one finding's requests at a time, so they do not interleave
}

// New checks p and returns the sink.
func New(p Params, g sink.Global, opts ...Option) (*Sink, error) {
	if p.BotToken == "" || strings.ContainsAny(p.BotToken, "/?# \t\n") {
		return nil, fmt.Errorf("telegram_sink %s: bot_token must be a bot token (digits:letters), without / or spaces", p.Name)
	}
	if strings.TrimSpace(string(p.ChatID)) == "" {
		return nil, fmt.Errorf("telegram_sink %s: chat_id is empty", p.Name)
	}
	base := strings.TrimRight(p.APIURL, "/")
	if base == "" {
		base = DefaultAPIURL
	}
	if _, err := httpapi.ParseTarget("api_url", base); err != nil {
		return nil, fmt.Errorf("telegram_sink %s: %w", p.Name, err)
	}
	s := &Sink{name: p.Name, cluster: g.ClusterName, chatID: p.ChatID, threadID: p.ThreadID,
		sendFiles: p.SendFiles == nil || *p.SendFiles, base: base, token: p.BotToken, log: slog.Default()}
	for _, o := range opts {
		o(s)
	}
	if s.api.HTTP == nil {
		s.api.HTTP = httpapi.NewHTTPClient()
	}
	s.api.Policy = s.api.Policy.WithDefaults()
	s.log = s.log.With("sink", p.Name, "sink_type", "telegram_sink")
	s.api.Log = s.log
	return s, nil
}

// sendMessage is the body of a sendMessage call.
type sendMessage struct {
	ChatID      ChatID      `json:"chat_id"`
	ThreadID    int64       `json:"message_thread_id,omitempty"`
	Text        string      `json:"text"`
	ParseMode   string      `json:"parse_mode"`
	LinkPreview linkPreview `json:"link_preview_options"`
}

// linkPreview turns previews off, as Robusta does: a Grafana link's
// preview would push the alert off a phone's screen.
type linkPreview struct {
	IsDisabled bool `json:"is_disabled"`
}

// Write sends f's messages, then its files; it stops at the first failure.
func (s *Sink) Write(ctx context.Context, f *api.Finding) error {
	r := render(f, s.cluster, s.sendFiles)
	if len(r.skipped) > 0 {
		s.log.DebugContext(ctx, "telegram_sink skips blocks it cannot show", "types", r.skipped)
	}
	var tooBig []string
	files := r.files[:0:0]
	for _, fl := range r.files {
		if len(fl.data) > maxDocument {
			tooBig = append(tooBig, fmt.Sprintf("%s (%d bytes)", fl.name, len(fl.data)))
			continue
		}
		files = append(files, fl)
	}
	if len(tooBig) > 0 {
		r.messages = append(r.messages, pack([]piece{{html: "Not attached, over Telegram's 50 MB upload limit: " + escape(strings.Join(tooBig, ", "))}}, maxText)...)
	}
	s.sequence.Lock()
	defer s.sequence.Unlock()
	for i, text := range r.messages {
		body, err := json.Marshal(sendMessage{ChatID: s.chatID, ThreadID: s.threadID, Text: text, ParseMode: "HTML", LinkPreview: linkPreview{IsDisabled: true}})
		if err != nil {
			return fmt.Errorf("telegram_sink %s: encoding message %d: %w", s.name, i+1, err)
		}
		if err := s.call(ctx, "sendMessage", "application/json", body); err != nil {
			return fmt.Errorf("telegram_sink %s: message %d of %d: %w", s.name, i+1, len(r.messages), err)
		}
	}
	for _, fl := range files {
		method, field := "sendDocument", "document"
		if _, img := chat.IsImage(fl.name); img && !strings.HasSuffix(strings.ToLower(fl.name), ".gif") && len(fl.data) <= maxPhoto {
			method, field = "sendPhoto", "photo" // shown inline; a GIF would be a still
		}
		body, ctype, err := s.multipart(field, fl)
		if err != nil {
			return fmt.Errorf("telegram_sink %s: encoding %s: %w", s.name, fl.name, err)
		}
		if err := s.call(ctx, method, ctype, body); err != nil {
			return fmt.Errorf("telegram_sink %s: file %s: %w", s.name, fl.name, err)
		}
	}
	return nil
}

// multipart is a sendDocument or sendPhoto form.
func (s *Sink) multipart(field string, fl file) ([]byte, string, error) {
	var buf bytes.Buffer
	w := multipart.NewWriter(&buf)
	_ = w.WriteField("chat_id", string(s.chatID))
	if s.threadID != 0 {
		_ = w.WriteField("message_thread_id", strconv.FormatInt(s.threadID, 10))
	}
	fw, err := w.CreateFormFile(field, fl.name)
	if err != nil {
		return nil, "", err
	}
	fw.Write(fl.data)
	if err := w.Close(); err != nil {
		return nil, "", err
	}
	return buf.Bytes(), w.FormDataContentType(), nil
}

// call POSTs to a Bot API method. The token is in the path, so errors
// name the method and the base's host only (httpapi.Target's safe form).
func (s *Sink) call(ctx context.Context, method, ctype string, body []byte) error {
	t, err := httpapi.ParseTarget("api_url", s.base+"/bot"+s.token+"/"+method)
	if err != nil {
		return err
	}
	if _, err := s.api.Post(ctx, t, ctype, body); err != nil {
		return fmt.Errorf("%s: %w", method, err)
	}
	return nil
}

// Close releases idle connections; nothing is buffered.
func (s *Sink) Close(context.Context) error {
	s.api.HTTP.CloseIdleConnections()
	return nil
}
