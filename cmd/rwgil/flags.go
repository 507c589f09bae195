package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"strings"

	"github.com/rwgil/rwgil/eml"
)

// flagSet is a command's flags. Errors are reported as one line on stderr,
// not with the flag package's usage dump; -h prints usage to stdout.
type flagSet struct {
	*flag.FlagSet
	synopsis string // after "rwgil ", e.g. "demo [flags]"
}

func newFlagSet(name, synopsis string) *flagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	fs.Usage = func() {} // parse prints its own messages
	return &flagSet{fs, synopsis}
}

func (fs *flagSet) usage(w io.Writer) {
	fmt.Fprintf(w, "Usage: rwgil %s\n\nFlags:\n", fs.synopsis)
	fs.SetOutput(w)
	fs.PrintDefaults()
	fs.SetOutput(io.Discard)
}

// parse parses args; ok is false when the command should exit at once with
// status code: 0 after -h, 2 after a mistake (reported on stderr).
func (fs *flagSet) parse(args []string, stdout, stderr io.Writer) (code int, ok bool) {
	err := fs.Parse(args)
	switch {
	case errors.Is(err, flag.ErrHelp):
		fs.usage(stdout)
		return 0, false
	case err != nil:
		fmt.Fprintf(stderr, "rwgil %s: %v\n", fs.Name(), err)
		return 2, false
	case fs.NArg() > 0:
		fmt.Fprintf(stderr, "rwgil %s: unexpected argument %q\n", fs.Name(), fs.Arg(0))
		return 2, false
	}
	return 0, true
}

// parseFile is parse for a command that takes exactly one file argument.
func (fs *flagSet) parseFile(args []string, stdout, stderr io.Writer) (code int, ok bool) {
	err := fs.Parse(args)
	switch {
	case errors.Is(err, flag.ErrHelp):
		fs.usage(stdout)
		return 0, false
	case err != nil:
		fmt.Fprintf(stderr, "rwgil %s: %v\n", fs.Name(), err)
		return 2, false
	case fs.NArg() == 0:
		fmt.Fprintf(stderr, "rwgil %s: missing FILE.rwa (usage: rwgil %s)\n", fs.Name(), fs.synopsis)
		return 2, false
	case fs.NArg() > 1:
		for _, a := range fs.Args()[1:] {
			if len(a) > 1 && a[0] == '-' {
				fmt.Fprintf(stderr, "rwgil %s: flag %s after the file %s: flags go before the file (rwgil %s)\n", fs.Name(), a, fs.Arg(0), fs.synopsis)
				return 2, false
			}
		}
		fmt.Fprintf(stderr, "rwgil %s: one file at a time, got %d: %s (a program takes no arguments)\n", fs.Name(), fs.NArg(), strings.Join(fs.Args(), " "))
		return 2, false
	}
	return 0, true
}

// parseProgram is parse for run: a file, then the program's own
// arguments (its sys.argv[1:], as python's are), except that one of
// run's own flags after the file is refused as a mistake.
func (fs *flagSet) parseProgram(args []string, stdout, stderr io.Writer) (code int, ok bool) {
	err := fs.Parse(args)
	switch {
	case errors.Is(err, flag.ErrHelp):
		fs.usage(stdout)
		return 0, false
	case err != nil:
		fmt.Fprintf(stderr, "rwgil %s: %v\n", fs.Name(), err)
		return 2, false
	case fs.NArg() == 0:
		fmt.Fprintf(stderr, "rwgil %s: missing FILE.rwa (usage: rwgil %s)\n", fs.Name(), fs.synopsis)
		return 2, false
	}
	// An argument that is one of rwgil's own flags is more likely a flag
	// put after the file by mistake than the program's.
	for _, a := range fs.Args()[1:] {
		name, _, _ := strings.Cut(strings.TrimLeft(a, "-"), "=")
		if len(a) > 1 && a[0] == '-' && fs.Lookup(name) != nil {
			fmt.Fprintf(stderr, "rwgil %s: flag %s after the file %s: flags go before the file (rwgil %s)\n", fs.Name(), a, fs.Arg(0), fs.synopsis)
			return 2, false
		}
	}
	return 0, true
}

// policyList is a -policy flag: a comma-separated list of policies.
type policyList []eml.Policy

func (p *policyList) String() string {
	names := make([]string, len(*p))
	for i, x := range *p {
		names[i] = x.String()
	}
	return strings.Join(names, ",")
}

func (p *policyList) Set(s string) error {
	*p = nil
	for _, name := range strings.Split(s, ",") {
		x, err := eml.ParsePolicy(strings.TrimSpace(name))
		if err != nil {
			return err
		}
		*p = append(*p, x)
	}
	return nil
}

// mutexFlag is a -mutex flag.
type mutexFlag struct{ k eml.MutexKind }

func (m *mutexFlag) String() string { return m.k.String() }

func (m *mutexFlag) Set(s string) (err error) {
	m.k, err = eml.ParseMutex(s)
	return err
}
