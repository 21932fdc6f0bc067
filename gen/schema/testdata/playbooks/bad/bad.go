// Package bad has params types the schema walk must refuse, each mistake
// marked with the error it must produce.
package bad

import "github.com/robusta-go/robusta/runtime/api"

// Node is recursive.
type Node struct {
	Children []Node `json:"children"` // want `recursive type bad.Node in field Tree.Children of params Params`
}

// Params has every unsupported type.
type Params struct {
	Ch    chan int       `json:"ch"` // want `unsupported type chan int in field Ch of params Params`
	Fn    func()         `json:"fn"` // want `unsupported type func\(\) in field Fn of params Params`
	C     complex128     `json:"c"`  // want `unsupported type complex128 in field C of params Params`
	M     map[int]string `json:"m"`  // want `unsupported type map\[int\]string in field M of params Params`
	E     error          `json:"e"`  // want `unsupported type error in field E of params Params`
	Tree  Node           `json:"tree"`
	Count int            `json:"count" jsonschema:"default=abc"`  // want `jsonschema tag default=abc on field Count of params Params: not an integer`
	Name  string         `json:"name" jsonschema:"minimum=3,foo"` // want `jsonschema tag minimum=3 on field Name of params Params: applies to numbers, not string` `jsonschema tag foo on field Name of params Params: unknown key`
	Wait  int            `json:"wait" jsonschema:"pattern=(["`    // want `jsonschema tag pattern=\(\[ on field Wait of params Params: applies to strings, not integer`
	Inner struct {
		Bad chan string `json:"bad"` // want `unsupported type chan string in field Inner.Bad of params Params`
	} `json:"inner"`
	OK string `json:"ok"`
}

// Broken has bad params.
//
//robusta:action
func Broken(event api.ExecutionEvent, params Params) {}
