package cache

import (
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
)

// goGenerateVars are set by go generate for the command it runs and say
// where the directive is; the go command does not read them, and keying
// on GOLINE would make a line added above a directive a miss.
var goGenerateVars = []string{"GOFILE", "GOLINE", "GOPACKAGE", "DOLLAR"}

// GoEnv describes what of env the go command's answers depend on: every
// GO* and CGO_* variable, the go binary on PATH (path, size, mtime: a new
// toolchain is a new binary) and the go env file (go env -w). ok is false
// when the answers depend on what a cache cannot see: a GOPACKAGESDRIVER,
// or GOFLAGS naming a -modfile or an -overlay.
func GoEnv(env []string) (desc string, ok bool) {
	var vars []string
	for _, kv := range env {
		k, _, _ := strings.Cut(kv, "=")
		if (strings.HasPrefix(k, "GO") || strings.HasPrefix(k, "CGO_")) && !slices.Contains(goGenerateVars, k) {
			vars = append(vars, kv)
		}
	}
	if d := lookup(env, "GOPACKAGESDRIVER"); d != "" && d != "off" {
		return "", false
	}
	if f := lookup(env, "GOFLAGS"); strings.Contains(f, "-modfile") || strings.Contains(f, "-overlay") {
		return "", false
	}
	slices.Sort(vars)
	vars = append(vars, "go binary "+goBinary(lookup(env, "PATH")))
	if f := goEnvFile(env); f != "" {
		s, err := fileSum(f)
		if err != nil {
			return "", false
		}
		vars = append(vars, "go env file "+f+" "+s)
	}
	return strings.Join(vars, "\n"), true
}

// goBinary names the go command PATH finds, with its size and mtime.
func goBinary(path string) string {
	name := "go"
	if runtime.GOOS == "windows" {
		name = "go.exe"
	}
	for _, dir := range filepath.SplitList(path) {
		p := filepath.Join(dir, name)
		info, err := os.Stat(p)
		if err != nil || info.IsDir() {
			continue
		}
		if real, err := filepath.EvalSymlinks(p); err == nil {
			p = real
		}
		return fmt.Sprintf("%s %d %d", p, info.Size(), info.ModTime().UnixNano())
	}
	return "none"
}

// goEnvFile is where go env -w writes, as the go command finds it.
func goEnvFile(env []string) string {
	if f := lookup(env, "GOENV"); f != "" {
		if f == "off" {
			return ""
		}
		return f
	}
	dir, err := os.UserConfigDir()
	if err != nil {
		return ""
	}
	return filepath.Join(dir, "go", "env")
}

// lookup is env's last value of key, as os/exec uses it.
func lookup(env []string, key string) string {
	v := ""
	for _, kv := range env {
		if k, val, ok := strings.Cut(kv, "="); ok && k == key {
			v = val
		}
	}
	return v
}
