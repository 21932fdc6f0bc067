package webhook

import (
	"encoding/json"
	"fmt"
	"sort"
	"strings"

	"github.com/robusta-go/robusta/runtime/api"
)

// cutSuffix ends a markdown block, description or title that was cut.
const cutSuffix = " …"

// fitJSON marshals f in at most limit bytes, dropping or cutting blocks and
// then the description and title as the package doc describes. f is not
// changed.
func fitJSON(f *api.Finding, limit int) ([]byte, error) {
	whole, err := json.Marshal(f)
	if err != nil {
		return nil, fmt.Errorf("encoding finding: %w", err)
	}
	if len(whole) <= limit {
		return whole, nil
	}
	ft := fitter{f: f, limit: limit}
	for i, e := range f.Enrichments {
		for j := range e.Blocks {
			ft.blocks = append(ft.blocks, [2]int{i, j})
		}
	}
	// A block marshals to at least len(json.Marshal(block)) bytes inside a
	// finding, so the blocks past the point where those sizes add up beyond
	// the limit can never be kept: no probe marshals much more than limit.
	most, sum := 0, 0
	for _, p := range ft.blocks {
		b, err := json.Marshal(ft.block(p))
		if err != nil {
			return nil, fmt.Errorf("encoding finding: %w", err)
		}
		if sum += len(b); sum > limit {
			break
		}
		most++
	}
	title, desc := f.Title, f.Description
	keep := largest(most, func(k int) bool { return ft.fits(ft.build(k, nil, title, desc)) })
	if keep < 0 {
		return ft.fitHeader()
	}
	if keep < len(ft.blocks) {
		blk := ft.block(ft.blocks[keep])
		if n := cutLen(blk); n > 0 {
			c := largest(min(n, limit), func(c int) bool { return ft.fits(ft.build(keep, cutBlock(blk, c), title, desc)) })
			if c > 0 {
				return json.Marshal(ft.build(keep, cutBlock(blk, c), title, desc))
			}
		}
	}
	return json.Marshal(ft.build(keep, nil, title, desc))
}

// fitter builds shortened copies of f.
type fitter struct {
	f      *api.Finding
	limit  int
	blocks [][2]int // (enrichment, block) of every block, in order
}

func (ft *fitter) block(p [2]int) api.Block { return ft.f.Enrichments[p[0]].Blocks[p[1]] }

func (ft *fitter) fits(g *api.Finding) bool {
	b, err := json.Marshal(g)
	return err == nil && len(b) <= ft.limit
}

// build returns f with the given title and description, its first keep
// blocks in their enrichments, then cut (unless nil) in place of the next
// block, then an enrichment titled "Truncated" saying what was left out.
func (ft *fitter) build(keep int, cut api.Block, title, desc string) *api.Finding {
	g := *ft.f
	g.Title, g.Description, g.Enrichments = title, desc, nil
	last := -1 // the enrichment of f that g's last enrichment copies
	add := func(ei int, b api.Block) {
		if ei != last {
			g.Enrichments = append(g.Enrichments, api.Enrichment{Title: ft.f.Enrichments[ei].Title})
			last = ei
		}
		e := &g.Enrichments[len(g.Enrichments)-1]
		e.Blocks = append(e.Blocks, b)
	}
	for _, p := range ft.blocks[:keep] {
		add(p[0], ft.block(p))
	}
	var what []string
	if dropped := len(ft.blocks) - keep; cut != nil {
		add(ft.blocks[keep][0], cut)
		what = append(what, fmt.Sprintf("%d of %d blocks dropped, 1 cut", dropped-1, len(ft.blocks)))
	} else if dropped > 0 {
		what = append(what, fmt.Sprintf("%d of %d blocks dropped", dropped, len(ft.blocks)))
	}
	if desc != ft.f.Description {
		what = append(what, "description cut")
	}
	if title != ft.f.Title {
		what = append(what, "title cut")
	}
	note := fmt.Sprintf("Cut to fit the webhook's size_limit of %d bytes: %s.", ft.limit, strings.Join(what, ", "))
	g.Enrichments = append(g.Enrichments, api.Enrichment{Title: "Truncated", Blocks: []api.Block{api.MarkdownBlock(note)}})
	return &g
}

// fitHeader handles a finding too long even without blocks: it cuts the
// description, then the title.
func (ft *fitter) fitHeader() ([]byte, error) {
	title, desc := ft.f.Title, ft.f.Description
	if d := largest(min(len(desc), ft.limit), func(c int) bool {
		return ft.fits(ft.build(0, nil, title, cutString(desc, c)))
	}); d >= 0 {
		return json.Marshal(ft.build(0, nil, title, cutString(desc, d)))
	}
	if t := largest(min(len(title), ft.limit), func(c int) bool {
		return ft.fits(ft.build(0, nil, cutString(title, c), ""))
	}); t >= 0 {
		return json.Marshal(ft.build(0, nil, cutString(title, t), ""))
	}
	return nil, fmt.Errorf("the finding does not fit in size_limit %d bytes even without its blocks, description and title", ft.limit)
}

// cutLen is how far a block can be cut: a markdown block by its text, a
// file by its contents; other blocks are kept or dropped whole.
func cutLen(b api.Block) int {
	switch v := b.(type) {
	case api.Markdown:
		return len(v.Text)
	case api.File:
		return len(v.Contents)
	}
	return 0
}

// cutBlock returns b cut to n bytes of text or contents.
func cutBlock(b api.Block, n int) api.Block {
	switch v := b.(type) {
	case api.Markdown:
		return api.MarkdownBlock(cutString(v.Text, n))
	case api.File:
		return api.FileBlock(v.Name, v.Contents[:min(n, len(v.Contents))])
	}
	return b
}

// cutString cuts s to at most n bytes at a UTF-8 boundary and marks the cut.
func cutString(s string, n int) string {
	if n >= len(s) {
		return s
	}
	if s = cutUTF8(s, n); s == "" {
		return ""
	}
	return s + cutSuffix
}

// largest returns the largest i in [0, n] for which fits(i) holds, fits
// being true up to some i and false after; -1 if fits(0) is false.
func largest(n int, fits func(int) bool) int {
	return sort.Search(n+1, func(i int) bool { return !fits(i) }) - 1
}
