package graph_test

import (
	"flag"
	"path/filepath"
	"testing"

	"github.com/robusta-go/robusta/runtime/api/graph/graphtest"
)

var update = flag.Bool("update", false, "rewrite the golden PNGs in testdata")

func checkGolden(t *testing.T, name string, got []byte) {
	t.Helper()
	graphtest.Golden(t, filepath.Join("testdata", name+".png"), got, *update)
}
