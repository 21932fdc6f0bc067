package record

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net/http"
)

// maxBody is the manual trigger's own limit on a request body; a longer
// body is refused before it runs, so it is never needed whole.
const maxBody = 1 << 20

type bodyKey struct{}

// ManualBodies wraps POST /api/trigger so that Intake.RunAction can record
// the request: it keeps a copy of the body the handler reads, never
// reading on its own (an unauthorized request is not read at all), up to
// the handler's limit.
func ManualBodies(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		buf := &limited{max: maxBody}
		r.Body = struct {
			io.Reader
			io.Closer
		}{io.TeeReader(r.Body, buf), r.Body}
		next.ServeHTTP(w, r.WithContext(context.WithValue(r.Context(), bodyKey{}, buf)))
	})
}

// bodyFrom is the request's body when it was read whole and is one JSON
// value, else nil.
func bodyFrom(ctx context.Context) json.RawMessage {
	buf, _ := ctx.Value(bodyKey{}).(*limited)
	if buf == nil || buf.over {
		return nil
	}
	b := bytes.TrimSpace(buf.b.Bytes())
	if !json.Valid(b) {
		return nil
	}
	var c bytes.Buffer
	if json.Compact(&c, b) != nil {
		return nil
	}
	return c.Bytes()
}

// limited keeps the first max bytes written and notes that more came.
type limited struct {
	b    bytes.Buffer
	max  int
	over bool
}

func (l *limited) Write(p []byte) (int, error) {
	if l.b.Len()+len(p) > l.max {
		l.over = true
		return len(p), nil
	}
	return l.b.Write(p)
}
