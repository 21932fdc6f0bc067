package msteams

import (
	"bytes"
	"encoding/base64"
	"fmt"
	"image"
	"image/color"
	"image/draw"
	"image/jpeg"
	"image/png"
	"strings"
	"unicode/utf8"

	"github.com/robusta-go/robusta/runtime/api"
	"github.com/robusta-go/robusta/runtime/sink/chat"
)

// maxInlineImage is the largest data: URI shown: with the rest of a card
// it must stay under maxCardBytes.
const maxInlineImage = 18000

var textSuffixes = []string{".txt", ".log", ".json", ".yaml", ".yml"}

// file shows an image inline, a text file's tail, or the file's name.
func (r *renderer) file(f api.File) {
	label := fmt.Sprintf("📎 **%s** (%d bytes)", f.Name, len(f.Contents))
	if !r.sendFiles {
		r.add(textBlock(label))
		return
	}
	if mime, ok := chat.IsImage(f.Name); ok {
		if uri, ok := dataURI(mime, f.Contents); ok {
			r.add(element{Type: "Image", URL: uri, AltText: f.Name, Size: "Stretch"})
			return
		}
		r.add(textBlock(label + ": too large to show inline; Teams webhooks take no attachments"))
		return
	}
	name := strings.ToLower(f.Name)
	for _, s := range textSuffixes {
		if strings.HasSuffix(name, s) && utf8.Valid(f.Contents) {
			tail, cut := lastLines(string(f.Contents), textTailBytes)
			if cut > 0 {
				label += fmt.Sprintf(", the last lines (%d bytes left out)", cut)
			}
			r.add(textBlock(label))
			r.add(monospace(textRun{Text: tail}))
			return
		}
	}
	r.add(textBlock(label + ": not shown; Teams webhooks take no attachments"))
}

// dataURI encodes an image for an Image element, PNG as JPEG.
func dataURI(mime string, data []byte) (string, bool) {
	if mime == "image/png" {
		if j, err := pngToJPEG(data); err == nil {
			mime, data = "image/jpeg", j
		}
	}
	if base64.StdEncoding.EncodedLen(len(data))+len(mime)+13 > maxInlineImage {
		return "", false
	}
	return "data:" + mime + ";base64," + base64.StdEncoding.EncodeToString(data), true
}

// pngToJPEG re-encodes a PNG on white (JPEG has no transparency).
func pngToJPEG(data []byte) ([]byte, error) {
	img, err := png.Decode(bytes.NewReader(data))
	if err != nil {
		return nil, fmt.Errorf("decoding PNG: %w", err)
	}
	canvas := image.NewRGBA(img.Bounds())
	draw.Draw(canvas, canvas.Bounds(), image.NewUniform(color.White), image.Point{}, draw.Src)
	draw.Draw(canvas, canvas.Bounds(), img, img.Bounds().Min, draw.Over)
	var out bytes.Buffer
	if err := jpeg.Encode(&out, canvas, &jpeg.Options{Quality: 80}); err != nil {
		return nil, fmt.Errorf("encoding JPEG: %w", err)
	}
	return out.Bytes(), nil
}

// lastLines keeps the whole last lines of s within n bytes, and says how
// many bytes were left out.
func lastLines(s string, n int) (string, int) {
	s = strings.TrimRight(s, "\n")
	if len(s) <= n {
		return s, 0
	}
	tail := s[len(s)-n:]
	if i := strings.IndexByte(tail, '\n'); i >= 0 {
		tail = tail[i+1:]
	} else {
		for !utf8.RuneStart(tail[0]) {
			tail = tail[1:]
		}
	}
	return tail, len(s) - len(tail)
}
