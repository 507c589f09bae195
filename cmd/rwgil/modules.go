package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"strings"

	"github.com/rwgil/rwgil/extensions"
)

// runModules is `rwgil modules [NAME]`: the bundled extension modules,
// whether each is ported, and (for one, or with -v for all) its story.
func runModules(args []string, stdout, stderr io.Writer) int {
	fs := newFlagSet("modules", "modules [-v] [NAME]")
	verbose := fs.Bool("v", false, "print every module's docstring")
	switch err := fs.Parse(args); {
	case errors.Is(err, flag.ErrHelp):
		fs.usage(stdout)
		return 0
	case err != nil:
		fmt.Fprintf(stderr, "rwgil modules: %v\n", err)
		return 2
	}
	if fs.NArg() > 1 {
		fmt.Fprintf(stderr, "rwgil modules: one module at a time, got %d names\n", fs.NArg())
		return 2
	}
	mods := extensions.Bundled()
	if fs.NArg() == 1 {
		for _, m := range mods {
			if m.Name == fs.Arg(0) {
				fmt.Fprintln(stdout, m.Doc)
				return 0
			}
		}
		names := make([]string, len(mods))
		for i, m := range mods {
			names[i] = m.Name
		}
		fmt.Fprintf(stderr, "rwgil modules: no bundled module %q (there are: %s)\n", fs.Arg(0), strings.Join(names, ", "))
		return 2
	}
	for i, m := range mods {
		if *verbose {
			if i > 0 {
				fmt.Fprintln(stdout)
			}
			fmt.Fprintln(stdout, m.Doc)
			continue
		}
		ported := "unported: calls promote"
		if m.Ported {
			ported = "ported: calls never promote"
		}
		summary, _, _ := strings.Cut(m.Doc, "\n")
		_, summary, _ = strings.Cut(summary, ": ")
		fmt.Fprintf(stdout, "%-15s %-28s %s\n", m.Name, ported, summary)
	}
	return 0
}
