package mail

import (
	"bytes"
	"crypto/rand"
	"encoding/base64"
	"encoding/hex"
	"fmt"
	"mime"
	"mime/multipart"
	"mime/quotedprintable"
	"net/mail"
	"net/textproto"
	"path"
	"strings"
	"time"
)

// envelope is what a message says about itself beyond its content.
type envelope struct {
	from         *mail.Address
	to           []*mail.Address
	date         time.Time
	thread       string // the finding's fingerprint: firing and resolved mails thread together
	sesConfigSet string
}

// compose writes the message: multipart/alternative (text, then HTML, the
// one clients prefer) inside multipart/mixed when there are attachments.
func compose(env envelope, c content) ([]byte, error) {
	var buf bytes.Buffer
	hdr := func(k, v string) { fmt.Fprintf(&buf, "%s: %s\r\n", k, v) }
	hdr("From", env.from.String())
	to := make([]string, len(env.to))
	for i, a := range env.to {
		to[i] = a.String()
	}
	hdr("To", strings.Join(to, ", "))
	hdr("Subject", mime.QEncoding.Encode("utf-8", oneLine(c.subject)))
	hdr("Date", env.date.Format(time.RFC1123Z))
	hdr("Message-ID", "<"+randomID()+"@robusta-go>")
	if id := threadID(env.thread); id != "" {
		// Both mails of an alert refer to one id that no mail has, so
		// clients thread them without the first having to be known.
		hdr("References", id)
		hdr("In-Reply-To", id)
	}
	if env.sesConfigSet != "" {
		hdr("X-SES-CONFIGURATION-SET", oneLine(env.sesConfigSet))
	}
	hdr("MIME-Version", "1.0")

	alt := func(w *multipart.Writer) error {
		for _, p := range []struct{ ctype, body string }{{"text/plain; charset=utf-8", c.text}, {"text/html; charset=utf-8", c.html}} {
			pw, err := w.CreatePart(textproto.MIMEHeader{"Content-Type": {p.ctype}, "Content-Transfer-Encoding": {"quoted-printable"}})
			if err != nil {
				return err
			}
			qp := quotedprintable.NewWriter(pw)
			if _, err := qp.Write([]byte(p.body)); err != nil {
				return err
			}
			if err := qp.Close(); err != nil {
				return err
			}
		}
		return w.Close()
	}
	if len(c.attachments) == 0 {
		w := multipart.NewWriter(&buf)
		hdr("Content-Type", "multipart/alternative; boundary="+w.Boundary())
		buf.WriteString("\r\n")
		if err := alt(w); err != nil {
			return nil, fmt.Errorf("writing the message: %w", err)
		}
		return buf.Bytes(), nil
	}
	mixed := multipart.NewWriter(&buf)
	hdr("Content-Type", "multipart/mixed; boundary="+mixed.Boundary())
	buf.WriteString("\r\n")
	var inner bytes.Buffer
	aw := multipart.NewWriter(&inner)
	if err := alt(aw); err != nil {
		return nil, fmt.Errorf("writing the message: %w", err)
	}
	pw, err := mixed.CreatePart(textproto.MIMEHeader{"Content-Type": {"multipart/alternative; boundary=" + aw.Boundary()}})
	if err != nil {
		return nil, fmt.Errorf("writing the message: %w", err)
	}
	pw.Write(inner.Bytes())
	for _, a := range c.attachments {
		// TypeByExtension may carry params ("text/plain; charset=utf-8").
		ctype, params, err := mime.ParseMediaType(mime.TypeByExtension(path.Ext(a.name)))
		if err != nil {
			ctype, params = "application/octet-stream", map[string]string{}
		}
		params["name"] = a.name
		pw, err := mixed.CreatePart(textproto.MIMEHeader{
			"Content-Type":              {mime.FormatMediaType(ctype, params)},
			"Content-Disposition":       {mime.FormatMediaType("attachment", map[string]string{"filename": a.name})},
			"Content-Transfer-Encoding": {"base64"},
		})
		if err != nil {
			return nil, fmt.Errorf("attaching %s: %w", a.name, err)
		}
		writeBase64(pw, a.data)
	}
	if err := mixed.Close(); err != nil {
		return nil, fmt.Errorf("writing the message: %w", err)
	}
	return buf.Bytes(), nil
}

// writeBase64 writes data in lines of 76, as RFC 2045 requires.
func writeBase64(w interface{ Write([]byte) (int, error) }, data []byte) {
	enc := base64.StdEncoding.EncodeToString(data)
	for len(enc) > 76 {
		w.Write([]byte(enc[:76] + "\r\n"))
		enc = enc[76:]
	}
	w.Write([]byte(enc + "\r\n"))
}

// oneLine keeps a header value from starting new headers.
func oneLine(s string) string {
	return strings.Join(strings.Fields(s), " ")
}

func randomID() string {
	b := make([]byte, 16)
	rand.Read(b)
	return hex.EncodeToString(b)
}

// threadID is the finding's fingerprint as a message id, "" without one.
func threadID(fp string) string {
	fp = strings.Map(func(r rune) rune {
		if r > ' ' && r < 0x7f && !strings.ContainsRune("<>@()[]\\\",;:", r) {
			return r
		}
		return -1
	}, fp)
	if fp == "" {
		return ""
	}
	return "<" + fp + ".finding@robusta-go>"
}
