package lsptest

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"reflect"
	"slices"
	"strings"
	"testing"
)

func TestFramingRoundTrip(t *testing.T) {
	var buf bytes.Buffer
	sent := []*message{
		{JSONRPC: "2.0", ID: json.RawMessage("1"), Method: "initialize", Params: json.RawMessage(`{"rootUri":"file:///x"}`)},
		{JSONRPC: "2.0", Method: "exit"},
		{JSONRPC: "2.0", ID: json.RawMessage(`"srv-7"`), Result: jsonNull},
		{JSONRPC: "2.0", ID: json.RawMessage("2"), Error: &rpcError{Code: codeMethodNotFound, Message: "no"}},
	}
	for _, m := range sent {
		if err := writeMessage(&buf, m); err != nil {
			t.Fatal(err)
		}
	}
	r := bufio.NewReader(&buf)
	for i, want := range sent {
		got, err := readMessage(r)
		if err != nil {
			t.Fatalf("message %d: %v", i, err)
		}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("message %d: got %+v, want %+v", i, got, want)
		}
	}
	if _, err := readMessage(r); !errors.Is(err, io.EOF) {
		t.Errorf("after the last message: got %v, want io.EOF", err)
	}
	if !sent[0].isRequest() || !sent[1].isNotification() || sent[2].isRequest() || sent[2].isNotification() {
		t.Error("message classification is wrong")
	}
}

// A null result must go over the wire as "result":null: a response with
// neither result nor error is invalid JSON-RPC.
func TestNullResultIsSent(t *testing.T) {
	var buf bytes.Buffer
	if err := writeMessage(&buf, &message{JSONRPC: "2.0", ID: json.RawMessage("3"), Result: jsonNull}); err != nil {
		t.Fatal(err)
	}
	if !strings.HasSuffix(buf.String(), `{"jsonrpc":"2.0","id":3,"result":null}`) {
		t.Errorf("got %q", buf.String())
	}
}

func TestReadMessageHeaders(t *testing.T) {
	body := `{"jsonrpc":"2.0","method":"m"}`
	cases := []struct {
		name, in, wantErr string
	}{
		{"lower-case name and a content type", "content-length: 30\r\nContent-Type: application/vscode-jsonrpc; charset=utf-8\r\n\r\n" + body, ""},
		{"stray blank line before the header", "\r\nContent-Length: 30\r\n\r\n" + body, ""},
		{"no Content-Length", "Content-Type: x\r\n\r\n" + body, "without Content-Length"},
		{"negative length", "Content-Length: -1\r\n\r\n", "bad Content-Length"},
		{"non-numeric length", "Content-Length: ten\r\n\r\n", "bad Content-Length"},
		{"huge length", "Content-Length: 999999999999\r\n\r\n", "bad Content-Length"},
		{"header without a colon", "Content-Length 30\r\n\r\n" + body, "malformed header"},
		{"truncated body", "Content-Length: 99\r\n\r\n" + body, "reading 99-byte body"},
		{"truncated header", "Content-Length: 30\r\n", "reading header"},
		{"body is not JSON", "Content-Length: 5\r\n\r\nhello", "decoding message body"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			m, err := readMessage(bufio.NewReader(strings.NewReader(tc.in)))
			if tc.wantErr == "" {
				if err != nil || m.Method != "m" {
					t.Fatalf("got %+v, %v", m, err)
				}
				return
			}
			if err == nil || !strings.Contains(err.Error(), tc.wantErr) {
				t.Fatalf("got error %v, want one containing %q", err, tc.wantErr)
			}
		})
	}
}

func TestDecodeCompletion(t *testing.T) {
	cases := []struct {
		name, in string
		want     []string
		wantErr  bool
	}{
		{"null", `null`, nil, false},
		{"item array", `[{"label":"a"},{"label":"b","kind":10}]`, []string{"a", "b"}, false},
		{"completion list", `{"isIncomplete":false,"items":[{"label":"c"}]}`, []string{"c"}, false},
		{"empty list", `{"isIncomplete":true,"items":[]}`, []string{}, false},
		{"a string", `"x"`, nil, true},
		{"bad items", `{"items":"nope"}`, nil, true},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			items, err := decodeCompletion(json.RawMessage(tc.in))
			if (err != nil) != tc.wantErr {
				t.Fatalf("error %v, wantErr %v", err, tc.wantErr)
			}
			if got := Labels(items); !slices.Equal(got, tc.want) {
				t.Errorf("got %v, want %v", got, tc.want)
			}
		})
	}
}

func TestConfigurationAnswersEveryItem(t *testing.T) {
	c := &Client{settings: Settings()}
	params := `{"items":[{"section":"yaml"},{"section":"http"},{"section":"[yaml]"},{"section":"yaml.schemaStore"},{"section":"yaml.schemaStore.enable.x"}]}`
	raw, sawYAML, err := c.configuration(json.RawMessage(params))
	if err != nil {
		t.Fatal(err)
	}
	var got []any
	if err := json.Unmarshal(raw, &got); err != nil {
		t.Fatal(err)
	}
	if len(got) != 5 || !sawYAML {
		t.Fatalf("got %d values (sawYAML=%v), want 5 and true: %s", len(got), sawYAML, raw)
	}
	yaml, _ := got[0].(map[string]any)
	if yaml["validate"] != true || yaml["completion"] != true {
		t.Errorf("yaml section: %v", got[0])
	}
	if got[1] != nil || got[2] != nil || got[4] != nil {
		t.Errorf("unknown sections must be null: %v", got)
	}
	if store, _ := got[3].(map[string]any); store["enable"] != false {
		t.Errorf("yaml.schemaStore: %v", got[3])
	}
	if _, _, err := c.configuration(json.RawMessage(`{"items":7}`)); err == nil {
		t.Error("malformed params: want an error")
	}
}

func TestCursor(t *testing.T) {
	// "é" is one UTF-16 unit, "𝄞" two: LSP columns count UTF-16 units.
	text, pos := cursor(t, "a: 1\nb: é𝄞<|>x\n")
	if text != "a: 1\nb: é𝄞x\n" || pos != (Position{Line: 1, Character: 6}) {
		t.Errorf("got %q at %+v", text, pos)
	}
}

func TestFileURI(t *testing.T) {
	uri, err := FileURI("/tmp/a dir/values.yaml")
	if err != nil {
		t.Fatal(err)
	}
	if uri != "file:///tmp/a%20dir/values.yaml" {
		t.Errorf("got %s", uri)
	}
}
