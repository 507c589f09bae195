package pygen_test

import (
	"flag"
	"fmt"
	"os"
	"strings"
	"testing"

	"github.com/rwgil/rwgil/python/cpython"
	"github.com/rwgil/rwgil/python/pygen"
	"pgregory.net/rapid"
)

// defaultChecks is the rapid budget (batches of batchSize programs) when
// neither -rapid.checks nor RAPID_CHECKS says otherwise. Soak with
// go test ./python/pygen -run TestProgramsRunUnderCPython -rapid.checks=100
// (10,000 programs).
const defaultChecks = "3"

var batchSize = flag.Int("pygen.batch", 100, "TestProgramsRunUnderCPython: programs per CPython run")

func TestMain(m *testing.M) {
	flag.Parse()
	explicit := os.Getenv("RAPID_CHECKS") != ""
	flag.Visit(func(f *flag.Flag) { explicit = explicit || f.Name == "rapid.checks" })
	if !explicit {
		_ = flag.Set("rapid.checks", defaultChecks)
	}
	os.Exit(m.Run())
}

// maxOutput bounds what one generated program may print.
const maxOutput = 1 << 20

// TestProgramsRunUnderCPython checks the generator's promises against
// CPython 3.12+: every program compiles, runs to its end within the
// batch's time limit, lets no exception escape Wrap's try statement,
// writes nothing to stderr (no SyntaxWarning), and prints a bounded amount.
// One CPython process runs each batch.
func TestProgramsRunUnderCPython(t *testing.T) {
	py, err := cpython.Find()
	if err != nil {
		t.Skip(err)
	}
	total := 0
	rapid.Check(t, func(t *rapid.T) {
		progs := rapid.SliceOfN(rapid.Map(pygen.Program(), (*pygen.Prog).Source), *batchSize, *batchSize).Draw(t, "programs")
		batch := make([]cpython.Program, len(progs))
		for i, src := range progs {
			batch[i] = cpython.Program{File: fmt.Sprintf("gen%d.py", i), Source: pygen.Wrap(src)}
		}
		res, err := py.RunBatch(batch, cpython.Options{})
		if err != nil {
			t.Fatal(err)
		}
		for i, r := range res {
			problem := ""
			switch {
			case r.Error != "":
				problem = "an exception escaped: " + r.Error
			case r.Stderr != "":
				problem = "it wrote to stderr:\n" + r.Stderr
			case len(r.Stdout) > maxOutput:
				problem = fmt.Sprintf("it printed %d bytes", len(r.Stdout))
			}
			if problem != "" {
				t.Fatalf("generated program %d under %s: %s\nthe program:\n%s", i, py, problem, numbered(batch[i].Source))
			}
		}
		total += len(progs)
	})
	t.Logf("%d generated programs ran under %s", total, py)
}

// numbered prefixes each line with its number, for failure messages.
func numbered(src string) string {
	var b strings.Builder
	for i, l := range strings.Split(strings.TrimRight(src, "\n"), "\n") {
		fmt.Fprintf(&b, "%4d  %s\n", i+1, l)
	}
	return b.String()
}
