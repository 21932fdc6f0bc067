package main

import (
	"fmt"
	"os"
	"runtime"
	"strings"

	"github.com/spf13/cobra"

	"github.com/robusta-go/robusta/gen/build"
	"github.com/robusta-go/robusta/gen/scaffold"
)

func initCmd() *cobra.Command {
	var opts scaffold.Options
	cmd := &cobra.Command{
		Use:   "init [--module PATH] [--replace DIR] [DIR]",
		Short: "Write a new playbook repository that builds, tests and validates as it is",
		Long: `init writes into DIR (default: the current directory, which must be empty)
a playbook repository: go.mod requiring this robusta-gen's runtime with
robusta-gen as a go tool, a package with an example action and its test on
runtime/api/apitest, its //go:generate line, values.yaml with the schema
modeline, a Makefile (generate, test, validate, image, chart) and a CI
workflow; then it runs go mod tidy. Right after it, go generate ./...,
go vet ./..., go test ./... and make validate pass.

--replace DIR points go.mod at a local checkout of robusta-go: for a
robusta-gen built from one, whose version the module proxy does not know.`,
		Args: cobra.MaximumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Dir = "."
			if len(args) == 1 {
				opts.Dir = args[0]
			}
			if g := build.CurrentGenerator(); !g.Local {
				opts.Version = g.Version
			}
			opts.Go = strings.TrimPrefix(runtime.Version(), "go")
			files, err := scaffold.Write(cmd.Context(), opts)
			for _, f := range files {
				fmt.Fprintln(os.Stderr, "wrote", f)
			}
			if err == nil {
				fmt.Fprintln(os.Stderr, "next: go generate ./... && go test ./... && make validate")
			}
			return err
		},
	}
	cmd.Flags().StringVar(&opts.Module, "module", "", "the module path (default example.com/<DIR's name>)")
	cmd.Flags().StringVar(&opts.Replace, "replace", "", "a local checkout of robusta-go to build against")
	return cmd
}
