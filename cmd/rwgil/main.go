// Command rwgil runs rwgil's demonstrations, experiments and programs.
//
//	rwgil bench NAME|all|list  the experiments E1-E7, side by side with CPython
//	rwgil demo [flags]         the demonstration: the guarantee matrix, then the policies side by side
//	rwgil run [flags] FILE     run a .rwa or .py program (exit 1 on an uncaught exception)
//	rwgil dis FILE             print a program's disassembly (a .py with its source lines)
//	rwgil modules [-v] [NAME]  the bundled extension modules and their stories
//	rwgil help [command]       this help, or a command's flags
//
// Usage mistakes exit with status 2 and one line on stderr naming the
// problem.
package main

import (
	"fmt"
	"io"
	"os"
	"sort"
	"strings"
	"sync"
)

// command is one subcommand: it parses its own flags from args and returns
// the process exit status.
type command struct {
	summary string
	run     func(args []string, stdout, stderr io.Writer) int
}

var commands map[string]command

func init() {
	commands = map[string]command{
		"bench":   {"run the experiments side by side: tables, JSON rows, plots, docs/experiments.md", runBench},
		"demo":    {"which guarantee each policy keeps, then the policies side by side on one workload", runDemo},
		"dis":     {"print the bytecode of a .rwa or .py program", runDis},
		"help":    {"show this help, or a command's flags", runHelp},
		"modules": {"list the bundled extension modules and tell their stories", runModules},
		"run":     {"run a .rwa or .py program under a chosen lock policy", runRun},
	}
}

func main() { os.Exit(run(os.Args[1:], os.Stdout, os.Stderr)) }

func run(args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		usage(stderr)
		return 2
	}
	name := args[0]
	if name == "-h" || name == "--help" || name == "-help" {
		usage(stdout)
		return 0
	}
	cmd, ok := commands[name]
	if !ok {
		fmt.Fprintf(stderr, "rwgil: unknown command %q (run 'rwgil help' for the list)\n", name)
		return 2
	}
	out, errOut := &checkedWriter{w: stdout}, &checkedWriter{w: stderr}
	code := cmd.run(args[1:], out, errOut)
	// Output that could not be written (> /dev/full, a closed pipe) is a
	// failure of the command, said once, whatever the command did.
	for _, w := range []struct {
		name string
		cw   *checkedWriter
	}{{"standard output", out}, {"standard error", errOut}} {
		if err := w.cw.Err(); err != nil {
			fmt.Fprintf(stderr, "rwgil %s: writing %s: %v\n", name, w.name, err)
			code = max(code, 1)
		}
	}
	return code
}

// checkedWriter remembers the first error its writer returned.
type checkedWriter struct {
	w   io.Writer
	mu  sync.Mutex
	err error
}

func (c *checkedWriter) Write(p []byte) (int, error) {
	n, err := c.w.Write(p)
	if err != nil {
		c.mu.Lock()
		if c.err == nil {
			c.err = err
		}
		c.mu.Unlock()
	}
	return n, err
}

// Err returns the first write error.
func (c *checkedWriter) Err() error {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.err
}

func usage(w io.Writer) {
	fmt.Fprint(w, "rwgil: free threading with a read/write extension module lock, beside its rivals.\n\nUsage: rwgil <command> [flags]\n\nCommands:\n")
	names := make([]string, 0, len(commands))
	for n := range commands {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		fmt.Fprintf(w, "  %-9s %s\n", n, commands[n].summary)
	}
	fmt.Fprint(w, "\nRun 'rwgil help <command>' for a command's flags.\n")
}

func runHelp(args []string, stdout, stderr io.Writer) int {
	switch len(args) {
	case 0:
		usage(stdout)
		return 0
	case 1:
		if _, ok := commands[args[0]]; !ok || args[0] == "help" {
			if !ok {
				fmt.Fprintf(stderr, "rwgil help: unknown command %q\n", args[0])
				return 2
			}
			usage(stdout)
			return 0
		}
		return commands[args[0]].run([]string{"-h"}, stdout, stderr)
	default:
		fmt.Fprintf(stderr, "rwgil help: too many arguments: %s\n", strings.Join(args, " "))
		return 2
	}
}
