package slack

import (
	"bytes"
	"context"
	"fmt"
	"unicode/utf8"

	"github.com/slack-go/slack"
)

// uploadFile shares u in the thread of the message ts in channelID through
// Slack's external upload flow: files.getUploadURLExternal, a POST of the
// bytes to the URL it returns, and files.completeUploadExternal. Each step
// is retried on its own, so a failed completion does not upload twice.
// (slack-go's UploadFileContext runs the same three steps but as one call,
// which cannot be retried step by step.)
func (s *Sink) uploadFile(ctx context.Context, channel, channelID, ts string, u upload) error {
	data := truncateLog(u.data, s.maxFileBytes)
	if len(data) == 0 {
		return nil // Slack refuses empty files
	}
	name := u.name
	if name == "" {
		name = "file"
	}
	var ext *slack.GetUploadURLExternalResponse
	err := s.do(ctx, call{method: "files.getUploadURLExternal", channel: channel}, func(ctx context.Context) (err error) {
		ext, err = s.client.GetUploadURLExternalContext(ctx, slack.GetUploadURLExternalParameters{FileName: name, FileSize: len(data)})
		return err
	})
	if err != nil {
		return err
	}
	err = s.do(ctx, call{method: "upload " + name, channel: channel}, func(ctx context.Context) error {
		return s.client.UploadToURL(ctx, slack.UploadToURLParameters{UploadURL: ext.UploadURL, Reader: bytes.NewReader(data), Filename: name})
	})
	if err != nil {
		return err
	}
	return s.do(ctx, call{method: "files.completeUploadExternal", channel: channel, paced: true}, func(ctx context.Context) error {
		_, err := s.client.CompleteUploadExternalContext(ctx, slack.CompleteUploadExternalParameters{
			Files:           []slack.FileSummary{{ID: ext.FileID, Title: name}},
			Channel:         channelID,
			ThreadTimestamp: ts,
		})
		return err
	})
}

// truncateLog keeps text within limit bytes (limit <= 0: no limit) the way
// a reader of logs wants it: the newest lines, the tail, whole lines only,
// under a first line that says what was cut. Binary contents (not UTF-8)
// are sent whole, as Robusta does, since a cut would only corrupt them.
func truncateLog(data []byte, limit int) []byte {
	n := len(data)
	if limit <= 0 || n <= limit || !utf8.Valid(data) {
		return data
	}
	// Every count in the note is at most n, so this bounds its length.
	start := n - max(limit-len(truncationNote(n, n, n)), 0)
	if start > 0 && data[start-1] != '\n' {
		if i := bytes.IndexByte(data[start:], '\n'); i >= 0 && start+i+1 < n {
			start += i + 1 // drop the partial first line
		} else {
			for start < n && !utf8.RuneStart(data[start]) {
				start++
			}
		}
	}
	return append(truncationNote(start, n, n-start), data[start:]...)
}

func truncationNote(cut, total, kept int) []byte {
	return fmt.Appendf(nil, "[truncated by robusta-go: the first %d of %d bytes were cut; the last %d follow]\n", cut, total, kept)
}
