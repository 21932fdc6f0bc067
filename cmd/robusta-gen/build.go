package main

import (
	"fmt"
	"os"

	"github.com/spf13/cobra"

	"github.com/robusta-go/robusta/gen/build"
)

func buildCmd() *cobra.Command {
	var opts build.Options
	cmd := &cobra.Command{
		Use: "build (--oci-layout DIR | --tarball FILE | --push REF | --binary FILE) [--image NAME:TAG]\n" +
			"  [--platform linux/amd64,linux/arm64] [--base REF] [--no-builtins] [-C DIR] [patterns...]",
		Short: "Compile a runner with the playbook packages and pack it into an OCI image",
		Long: `build composes the runtime, the built-in playbooks (unless --no-builtins) and
every package the patterns (default ./...) match that has a generated
registry into a temporary main module, resolves its modules, compiles a
static runner per platform and packs it into an image, without a Docker
daemon. Same inputs, same digest; SOURCE_DATE_EPOCH sets the image's
timestamps (default: the Unix epoch).

A registry older than its package's //robusta:action functions is an error
(run go generate), as is a runtime version that differs from this
generator's. --binary stops after compiling (one platform). Outputs may be
combined. Credentials for --push and --base come from the Docker config.`,
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Patterns = args
			opts.Progress = os.Stderr
			res, err := build.Build(cmd.Context(), opts)
			if err != nil {
				return err
			}
			if res.Digest != "" {
				fmt.Println(res.Digest)
			}
			return nil
		},
	}
	f := cmd.Flags()
	f.StringVar(&opts.Binary, "binary", "", "write the runner binary to `FILE` (one platform)")
	f.StringVar(&opts.OCILayout, "oci-layout", "", "write the image into the OCI layout `DIR`")
	f.StringVar(&opts.Tarball, "tarball", "", "write the image to `FILE` for docker load")
	f.StringVar(&opts.Push, "push", "", "push the image to `REF`")
	f.StringVar(&opts.Image, "image", build.DefaultImage, "the image's `NAME:TAG` in the tarball and the layout")
	f.StringSliceVar(&opts.Platforms, "platform", nil, "`os/arch[/variant]` to build for (default linux/<host arch>)")
	f.StringVar(&opts.Base, "base", "", "base image `REF` (default: none, the binary alone)")
	f.BoolVar(&opts.NoBuiltins, "no-builtins", false, noBuiltinsUsage)
	f.StringVarP(&opts.Dir, "dir", "C", "", "the playbook repo `DIR` the patterns are relative to (output paths stay relative to the current directory)")
	return cmd
}
