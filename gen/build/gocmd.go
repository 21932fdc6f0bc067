package build

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"os/exec"
	"strings"
	"time"
)

// command runs name with args in dir, with env (the caller's environment
// plus the build's additions, later entries winning), and returns its
// standard output. A failure carries the command line and its standard
// error, which is where the go command says what went wrong.
func command(ctx context.Context, dir string, env []string, name string, args ...string) ([]byte, error) {
	cmd := exec.CommandContext(ctx, name, args...)
	// On cancellation, interrupt rather than kill: the go command then
	// stops the compilers and the linker it started, which a kill would
	// leave running.
	cmd.Cancel = func() error { return cmd.Process.Signal(os.Interrupt) }
	cmd.WaitDelay = 10 * time.Second
	cmd.Dir = dir
	cmd.Env = env
	var stdout, stderr bytes.Buffer
	cmd.Stdout = &stdout
	cmd.Stderr = &stderr
	if err := cmd.Run(); err != nil {
		msg := strings.TrimSpace(stderr.String())
		if msg == "" {
			return nil, fmt.Errorf("running %s %s in %s: %w", name, strings.Join(args, " "), dir, err)
		}
		return nil, fmt.Errorf("running %s %s in %s: %w\n%s", name, strings.Join(args, " "), dir, err, msg)
	}
	return stdout.Bytes(), nil
}

// goEnv is env with the settings every go command in a build module needs.
// GOWORK=off: the module lives in the user cache, and a GOWORK variable
// meant for the playbook repo would otherwise pull it into that
// workspace. GOFLAGS, GOPROXY and the rest pass through untouched.
func goEnv(env []string, extra ...string) []string {
	out := make([]string, 0, len(env)+1+len(extra))
	out = append(out, env...)
	out = append(out, "GOWORK=off")
	return append(out, extra...)
}
