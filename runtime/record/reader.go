package record

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"slices"
	"strings"
)

// maxLine bounds one line: a log answer is at most about 1 MB, an object
// a few; anything longer is not a recording.
const maxLine = 64 << 20

// Error is a bad line: where it is and what is wrong.
type Error struct {
	File      string
	Line, Col int
	Msg       string
}

func (e *Error) Error() string { return fmt.Sprintf("%s:%d:%d: %s", e.File, e.Line, e.Col, e.Msg) }

// ReadFile reads every record of the file name. All bad lines are
// reported, each as an *Error, joined.
func ReadFile(name string) ([]Record, error) {
	f, err := os.Open(name)
	if err != nil {
		return nil, fmt.Errorf("opening recording: %w", err)
	}
	defer f.Close()
	return Parse(name, f)
}

// Parse reads the records of r; file names it in errors. Empty lines are
// skipped.
func Parse(file string, r io.Reader) ([]Record, error) {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 0, 64<<10), maxLine)
	var recs []Record
	var errs []error
	for n := 1; sc.Scan(); n++ {
		line := sc.Bytes()
		if len(bytes.TrimSpace(line)) == 0 {
			continue
		}
		rec, err := parseLine(line)
		if err != nil {
			err.File, err.Line = file, n
			errs = append(errs, err)
			continue
		}
		recs = append(recs, rec)
	}
	if err := sc.Err(); err != nil {
		errs = append(errs, fmt.Errorf("%s: reading: %w", file, err))
	}
	return recs, errors.Join(errs...)
}

// parseLine decodes one line; the error has Col set (1 when the JSON is
// well-formed but its content is wrong).
func parseLine(line []byte) (Record, *Error) {
	var rec Record
	dec := json.NewDecoder(bytes.NewReader(line))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&rec); err != nil {
		msg := strings.TrimPrefix(err.Error(), "json: ")
		if errors.Is(err, io.ErrUnexpectedEOF) {
			msg = "the line ends inside the record"
		}
		return rec, &Error{Col: column(line, err), Msg: msg}
	}
	if dec.More() {
		return rec, &Error{Col: int(dec.InputOffset()) + 1, Msg: "data after the record"}
	}
	if rec.V != Version {
		return rec, &Error{Col: 1, Msg: fmt.Sprintf("version %d, want %d (v)", rec.V, Version)}
	}
	set := rec.payloads()
	if _, known := set[rec.Type]; !known {
		return rec, &Error{Col: 1, Msg: fmt.Sprintf("unknown type %q: want one of change, alert, schedule, manual, read, logs, exec, gap", rec.Type)}
	}
	for t, has := range set {
		if has && t != rec.Type {
			return rec, &Error{Col: 1, Msg: fmt.Sprintf("a %s record has a %q payload", rec.Type, t)}
		}
	}
	if !set[rec.Type] {
		return rec, &Error{Col: 1, Msg: fmt.Sprintf("a %s record needs its %q payload", rec.Type, rec.Type)}
	}
	if rec.Time.IsZero() {
		return rec, &Error{Col: 1, Msg: "time is missing"}
	}
	if c := rec.Change; c != nil && !slices.Contains([]string{"create", "update", "delete"}, string(c.Operation)) {
		return rec, &Error{Col: 1, Msg: fmt.Sprintf("change operation %q: want create, update or delete", c.Operation)}
	}
	return rec, nil
}

// column is where the JSON error is, from 1: a syntax error's offending
// byte, the last byte of a value of the wrong type, the end of a short
// line.
func column(line []byte, err error) int {
	var syn *json.SyntaxError
	var typ *json.UnmarshalTypeError
	switch {
	case errors.As(err, &syn):
		return int(syn.Offset)
	case errors.As(err, &typ):
		return int(typ.Offset)
	case errors.Is(err, io.ErrUnexpectedEOF):
		return len(line) + 1
	}
	return 1
}
