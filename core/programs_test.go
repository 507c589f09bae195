package core

import (
	"bytes"
	"flag"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/rwgil/rwgil/core/bytecode"
	"github.com/rwgil/rwgil/python/syntax"
)

// updatePrograms makes TestPrograms rewrite the expected output of every
// program from CPython 3.12.
var updatePrograms = flag.Bool("programs.update", false, "TestPrograms: regenerate testdata/py/*.out and *.err with python3.12")

// TestPrograms runs the programs of testdata/py: each NAME.rwa is the
// bytecode a compiler emits for NAME.py (its .line directives are the
// Python lines), assembled as NAME.py so that tracebacks name that file.
// Under every policy, the program must print what CPython 3.12 printed
// for NAME.py (NAME.out) and end with the traceback CPython printed, if
// any (NAME.err), source lines and carets included. The expected files
// come from CPython and are checked in:
//
//	go test ./core -run TestPrograms -programs.update
//
// regenerates them with python3.12 (from PATH, or pyenv's 3.12).
func TestPrograms(t *testing.T) {
	files, err := filepath.Glob("testdata/py/*.rwa")
	if err != nil || len(files) == 0 {
		t.Fatalf("expected programs in testdata/py, got %v %v", files, err)
	}
	if *updatePrograms {
		updateExpected(t, files)
	}
	for _, file := range files {
		name := strings.TrimSuffix(filepath.Base(file), ".rwa")
		pyFile := strings.TrimSuffix(file, ".rwa") + ".py"
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			src, err := os.ReadFile(file)
			if err != nil {
				t.Fatal(err)
			}
			code, err := bytecode.Assemble(pyFile, src)
			if err != nil {
				t.Fatal(err)
			}
			wantOut := readExpected(t, strings.TrimSuffix(file, ".rwa")+".out")
			wantErr := readExpected(t, strings.TrimSuffix(file, ".rwa")+".err")
			for _, k := range evalConfigs() {
				t.Run(k.name, func(t *testing.T) {
					cfg := k.cfg
					cfg.CaretAnchors = syntax.CaretAnchors // as the Python front end runs programs
					got := runEval(t, cfg, code)
					if got.out != wantOut {
						t.Errorf("stdout differs\nCPython 3.12 prints:\n%s\nrwgil prints:\n%s", indent(wantOut), indent(got.out))
					}
					gotErr := got.stderr
					if got.exc != nil {
						gotErr += got.exc.formatted
					}
					if gotErr != wantErr {
						t.Errorf("stderr differs\nCPython 3.12 prints:\n%s\nrwgil prints:\n%s", indent(wantErr), indent(gotErr))
					}
				})
			}
		})
	}
}

func readExpected(t *testing.T, path string) string {
	b, err := os.ReadFile(path)
	if os.IsNotExist(err) {
		return ""
	}
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// python312 finds a CPython 3.12.
func python312() string {
	if p, err := exec.LookPath("python3.12"); err == nil {
		if exec.Command(p, "-c", "import sys; assert sys.version_info[:2] == (3, 12)").Run() == nil {
			return p
		}
	}
	if home, err := os.UserHomeDir(); err == nil {
		if m, _ := filepath.Glob(filepath.Join(home, ".pyenv/versions/3.12*/bin/python3.12")); len(m) > 0 {
			return m[len(m)-1]
		}
	}
	return ""
}

// updateExpected runs each program's .py under CPython 3.12, from this
// directory (so that its tracebacks name testdata/py/NAME.py), and writes
// what it printed.
func updateExpected(t *testing.T, files []string) {
	py := python312()
	if py == "" {
		t.Fatal("-programs.update needs python3.12")
	}
	abs, err := filepath.Abs("testdata/py")
	if err != nil {
		t.Fatal(err)
	}
	for _, file := range files {
		base := strings.TrimSuffix(file, ".rwa")
		var out, errOut bytes.Buffer
		cmd := exec.Command(py, base+".py")
		cmd.Stdout, cmd.Stderr = &out, &errOut
		cmd.Env = append(os.Environ(), "PYTHONHASHSEED=0")
		if err := cmd.Run(); err != nil {
			if _, ok := err.(*exec.ExitError); !ok {
				t.Fatalf("%s: %v", base, err)
			}
		}
		// CPython names the main module's file by its absolute path; the
		// expected files name it as the test does.
		stderr := bytes.ReplaceAll(errOut.Bytes(), []byte(abs+string(filepath.Separator)), []byte("testdata/py/"))
		for ext, b := range map[string][]byte{".out": out.Bytes(), ".err": stderr} {
			if len(b) == 0 {
				os.Remove(base + ext)
				continue
			}
			if err := os.WriteFile(base+ext, b, 0o644); err != nil {
				t.Fatal(err)
			}
		}
	}
}
