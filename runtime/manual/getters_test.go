package manual

import (
	"testing"

	"github.com/robusta-go/robusta/runtime/kinds"
)

func TestEveryKindHasAGetter(t *testing.T) {
	if len(getters) != len(kinds.All) {
		t.Errorf("%d getters for %d kinds", len(getters), len(kinds.All))
	}
	for _, k := range kinds.All {
		if getters[k.Name] == nil {
			t.Errorf("no getter for %s", k.Name)
		}
	}
}
