package mattermost

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"mime/multipart"
	"net/http"
	"net/url"
	"strings"
	"sync"

	"github.com/robusta-go/robusta/runtime/api"
	"github.com/robusta-go/robusta/runtime/sink"
	"github.com/robusta-go/robusta/runtime/sink/httpapi"
	"github.com/robusta-go/robusta/runtime/sink/retry"
)

// maxFilesPerPost is Mattermost's limit of file_ids on one post.
const maxFilesPerPost = 5

// Option configures a Sink beyond its params.
type Option func(*Sink)

// WithPolicy sets the retry policy.
func WithPolicy(p retry.Policy) Option { return func(s *Sink) { s.api.Policy = p } }

// WithClient sends through c.
func WithClient(c *http.Client) Option { return func(s *Sink) { s.api.HTTP = c } }

// Sink posts findings to a Mattermost channel. It is safe for concurrent use.
type Sink struct {
	name, cluster     string
	base, token       string
	channel, team     string
	api               httpapi.Client
	log               *slog.Logger
	mu                sync.Mutex
	teamID, channelID string
}

// New checks p and returns the sink; the channel is looked up on the
// first Write, so that a server down at start does not stop the runner.
func New(p Params, g sink.Global, opts ...Option) (*Sink, error) {
	u, err := url.Parse(p.URL)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return nil, fmt.Errorf("mattermost_sink %s: url must be an absolute http or https URL", p.Name)
	}
	if p.Token == "" || p.Channel == "" {
		return nil, fmt.Errorf("mattermost_sink %s: token and channel are required", p.Name)
	}
	s := &Sink{name: p.Name, cluster: g.ClusterName, base: strings.TrimRight(p.URL, "/"), token: p.Token,
		channel: strings.TrimPrefix(p.Channel, "#"), team: p.Team, teamID: p.TeamID, log: slog.Default()}
	for _, o := range opts {
		o(s)
	}
	s.log = s.log.With("sink", p.Name, "sink_type", "mattermost_sink", "server", u.Host)
	token := s.token
	s.api.Log, s.api.Header = s.log, func(h http.Header) { h.Set("Authorization", "Bearer "+token) }
	s.api = *httpapi.New(s.api)
	return s, nil
}

// post is a POST /api/v4/posts body.
type post struct {
	ChannelID string   `json:"channel_id"`
	Message   string   `json:"message"`
	RootID    string   `json:"root_id,omitempty"`
	FileIDs   []string `json:"file_ids,omitempty"`
}

// Write uploads f's files, then posts its parts, the later ones as
// replies to the first; the files go on the first post (five at most a
// post, more on replies).
func (s *Sink) Write(ctx context.Context, f *api.Finding) error {
	parts, files := render(f, s.cluster)
	channel, err := s.channelIDFor(ctx)
	if err != nil {
		return fmt.Errorf("mattermost_sink %s: %w", s.name, err)
	}
	var ids []string
	for _, fl := range files {
		id, err := s.upload(ctx, channel, fl)
		if err != nil {
			return fmt.Errorf("mattermost_sink %s: uploading %s: %w", s.name, fl.name, err)
		}
		ids = append(ids, id)
	}
	root := ""
	for i := 0; i < len(parts) || len(ids) > 0; i++ {
		p := post{ChannelID: channel, RootID: root}
		if i < len(parts) {
			p.Message = parts[i]
		}
		n := min(len(ids), maxFilesPerPost)
		p.FileIDs, ids = ids[:n], ids[n:]
		var created struct {
			ID string `json:"id"`
		}
		if err := s.call(ctx, http.MethodPost, "/api/v4/posts", p, &created); err != nil {
			return fmt.Errorf("mattermost_sink %s: post %d: %w", s.name, i+1, err)
		}
		if root == "" {
			root = created.ID
		}
	}
	return nil
}

// channelIDFor finds the channel by name, in the team or the bot's teams.
func (s *Sink) channelIDFor(ctx context.Context) (string, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.channelID != "" {
		return s.channelID, nil
	}
	var teams []string
	switch {
	case s.teamID != "":
		teams = []string{s.teamID}
	case s.team != "":
		var t struct {
			ID string `json:"id"`
		}
		if err := s.call(ctx, http.MethodGet, "/api/v4/teams/name/"+url.PathEscape(s.team), nil, &t); err != nil {
			return "", fmt.Errorf("finding team %s: %w", s.team, err)
		}
		teams = []string{t.ID}
	default:
		var ts []struct {
			ID string `json:"id"`
		}
		if err := s.call(ctx, http.MethodGet, "/api/v4/users/me/teams", nil, &ts); err != nil {
			return "", fmt.Errorf("listing the bot's teams: %w", err)
		}
		for _, t := range ts {
			teams = append(teams, t.ID)
		}
	}
	for _, team := range teams {
		var c struct {
			ID string `json:"id"`
		}
		err := s.call(ctx, http.MethodGet, "/api/v4/teams/"+url.PathEscape(team)+"/channels/name/"+url.PathEscape(s.channel), nil, &c)
		var se *retry.StatusError
		if errors.As(err, &se) && se.Code == http.StatusNotFound {
			continue
		}
		if err != nil {
			return "", fmt.Errorf("finding channel %s: %w", s.channel, err)
		}
		s.channelID = c.ID
		return c.ID, nil
	}
	return "", fmt.Errorf("channel %s not found in the team (or the bot is not in it)", s.channel)
}

// upload is POST /api/v4/files; it returns the file's id.
func (s *Sink) upload(ctx context.Context, channel string, f file) (string, error) {
	var buf bytes.Buffer
	w := multipart.NewWriter(&buf)
	_ = w.WriteField("channel_id", channel)
	fw, err := w.CreateFormFile("files", f.name)
	if err != nil {
		return "", err
	}
	fw.Write(f.data)
	w.Close()
	var answer struct {
		FileInfos []struct {
			ID string `json:"id"`
		} `json:"file_infos"`
	}
	if err := s.do(ctx, http.MethodPost, "/api/v4/files", w.FormDataContentType(), buf.Bytes(), &answer); err != nil {
		return "", err
	}
	if len(answer.FileInfos) == 0 {
		return "", errors.New("the answer names no file")
	}
	return answer.FileInfos[0].ID, nil
}

// call sends body as JSON and decodes the answer into out.
func (s *Sink) call(ctx context.Context, method, path string, body, out any) error {
	var raw []byte
	if body != nil {
		var err error
		if raw, err = json.Marshal(body); err != nil {
			return err
		}
	}
	return s.do(ctx, method, path, "application/json", raw, out)
}

// do is one API call, retried; errors name the path and the server's
// host, never the token (it is in the Authorization header only).
func (s *Sink) do(ctx context.Context, method, path, ctype string, body []byte, out any) error {
	r := httpapi.Request{Op: path, Method: method, URL: s.base + path, Out: out}
	if body != nil {
		r.Body, r.ContentType = body, ctype
	}
	return s.api.Do(ctx, r)
}

// Close releases idle connections; nothing is buffered.
func (s *Sink) Close(context.Context) error {
	s.api.CloseIdleConnections()
	return nil
}
