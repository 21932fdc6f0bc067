package trigger

import (
	"errors"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestCompileChecksCronExpression(t *testing.T) {
	spec, _ := Lookup("on_schedule")
	if _, err := Compile(spec, []byte(`{"cron_schedule_repeat":{"cron_expression":"*/5 * * * *"}}`)); err != nil {
		t.Errorf("valid expression: %v", err)
	}
	_, err := Compile(spec, []byte(`{"cron_schedule_repeat":{"cron_expression":"61 * * * *"}}`))
	var pe *PathError
	if !errors.As(err, &pe) {
		t.Fatalf("error %v, want a *PathError", err)
	}
	if diff := cmp.Diff([]string{"cron_schedule_repeat", "cron_expression"}, pe.Path); diff != "" {
		t.Errorf("path (-want +got):\n%s", diff)
	}
}
