package core

import (
	"bytes"
	"os"
	"path/filepath"
	"regexp"
	"testing"

	"github.com/rwgil/rwgil/core/bytecode"
	"github.com/rwgil/rwgil/eml"
)

// TestExamples runs every program of docs/examples under every policy:
// each must finish without an uncaught exception, print what it is meant
// to, and leave no object alive and no refcount report behind.
func TestExamples(t *testing.T) {
	want := map[string]*regexp.Regexp{
		"counter.rwa":  regexp.MustCompile(`^counter = \d+ of 80000 lost: \d+\n$`),
		"prodcons.rwa": regexp.MustCompile(`^consumed total = 499500 expected 499500; consumers: 2\n$`),
		"cpu.rwa":      regexp.MustCompile(`^\[55185, 313417\]\n$`),
		"builtins.rwa": regexp.MustCompile(`^8 summaries, distinct: 1 \[1, 3, 5, 7, 9\] 5 9\n$`),
	}
	files, err := filepath.Glob("../docs/examples/*.rwa")
	if err != nil || len(files) == 0 {
		t.Fatalf("no example programs found: %v", err)
	}
	for _, path := range files {
		name := filepath.Base(path)
		src, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		code, err := bytecode.Assemble(name, src)
		if err != nil {
			t.Fatalf("%s does not assemble: %v", name, err)
		}
		for _, p := range eml.Policies() {
			t.Run(name+"/"+p.String(), func(t *testing.T) {
				out := runProgram(t, Config{Policy: p}, code)
				if re, ok := want[name]; ok && !re.Match(out) {
					t.Fatalf("output %q does not match %s", out, re)
				}
				if name == "counter.rwa" && p == eml.PolicyGIL && !bytes.HasSuffix(out, []byte("lost: 0\n")) {
					t.Fatalf("under the GIL counter += 1 has no safe point inside and cannot lose an update; got %q", out)
				}
			})
		}
	}
	if missing := len(want) - len(files); missing > 0 {
		t.Errorf("%d programs named in the test are missing from docs/examples", missing)
	}
}

// runProgram runs code as __main__ on a fresh runtime for cfg, waits for
// the threads it starts, and returns what it printed. The run must not end
// with an exception, and the runtime must close clean.
func runProgram(t testing.TB, cfg Config, code *bytecode.Code) []byte {
	t.Helper()
	var out, errOut bytes.Buffer
	cfg.Stdout, cfg.Stderr, cfg.TrackObjects = &out, &errOut, true
	rt, err := NewRuntime(cfg)
	if err != nil {
		t.Fatal(err)
	}
	res, err := rt.Exec(code)
	switch {
	case err != nil:
		t.Errorf("Exec: %v", err)
	case res.Exception != "":
		t.Errorf("uncaught exception:\n%s", res.Exception)
	}
	if errOut.Len() > 0 {
		t.Errorf("stderr: %s", errOut.String())
	}
	if err := rt.Close(); err != nil {
		t.Errorf("runtime Close: %v", err)
	}
	return out.Bytes()
}
