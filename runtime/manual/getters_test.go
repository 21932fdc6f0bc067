package manual

import (
	"testing"

	"github.com/robusta-go/robusta/runtime/kinds"
)

func TestEveryKindButSecretHasAGetter(t *testing.T) {
	if len(getters) != len(kinds.All)-1 {
		t.Errorf("%d getters for %d kinds and Secret", len(getters), len(kinds.All)-1)
	}
	for _, k := range kinds.All {
		switch {
		case k.Name == secretKind && getters[k.Name] != nil:
			t.Error("Secret has a getter: a manual run must never read one")
		case k.Name != secretKind && getters[k.Name] == nil:
			t.Errorf("no getter for %s", k.Name)
		}
	}
}
