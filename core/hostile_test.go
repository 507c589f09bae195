package core

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/rwgil/rwgil/core/bytecode"
)

// TestHostileBytecode runs the programs of testdata/hostile: bytecode
// that Validate accepts but that feeds the Python front end's
// instructions what no compiler would (a list where a dict belongs, a
// closure of ints, a class body that is a generator, ...). Each must end
// with the Python exception its first line names -- never a Go panic --
// and the runtime must close with no leak, under every policy.
func TestHostileBytecode(t *testing.T) {
	files, err := filepath.Glob("testdata/hostile/*.rwa")
	if err != nil || len(files) == 0 {
		t.Fatalf("expected programs in testdata/hostile, got %v %v", files, err)
	}
	for _, file := range files {
		t.Run(strings.TrimSuffix(filepath.Base(file), ".rwa"), func(t *testing.T) {
			src, err := os.ReadFile(file)
			if err != nil {
				t.Fatal(err)
			}
			first, _, _ := strings.Cut(string(src), "\n")
			want := strings.TrimSpace(strings.TrimPrefix(first, ";"))
			code, err := bytecode.Assemble(file, src)
			if err != nil {
				t.Fatal(err)
			}
			for _, k := range evalConfigs() {
				got := runEval(t, k.cfg, code)
				if got.exc == nil {
					t.Fatalf("%s: expected %q, got no exception (stdout %q)", k.name, want, got.out)
				}
				lines := strings.Split(strings.TrimSuffix(got.exc.formatted, "\n"), "\n")
				if last := lines[len(lines)-1]; last != want {
					t.Fatalf("%s: expected %q, got %q\n%s", k.name, want, last, got.exc.formatted)
				}
			}
		})
	}
}
