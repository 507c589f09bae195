// Package cpython finds the reference interpreter -- CPython 3.12 or
// later -- and runs Python programs under it, for the tests that compare
// rwgil's front end with CPython.
//
// A program runs in one of two ways. RunFile starts CPython on a file, as a
// user would (`python3.12 prog.py`), and returns its stdout, stderr and
// exit status: this is how the corpus's expected outputs are made. RunBatch
// runs many small programs in one CPython process, each as __main__ in a
// fresh namespace with its output captured, so that a property test pays
// for one interpreter start per batch rather than one per program.
//
// Both run CPython with a fixed environment, so that what a program prints
// does not depend on the caller's: PYTHONHASHSEED=0, UTF-8 I/O, no
// bytecode files written, no user site directory, and PYTHONPATH set to
// the directories the caller names (and nothing else).
package cpython

import (
	"bytes"
	"context"
	_ "embed"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"
)

// MinMinor is the oldest CPython 3 minor version Find accepts: the corpus
// and the property tests compare with CPython 3.12's behaviour.
const MinMinor = 12

// EnvVar names the environment variable that, when set, is the only
// interpreter Find tries.
const EnvVar = "RWGIL_PYTHON"

// ErrNotFound is what Find's error wraps when no CPython 3.12 or later is
// installed: callers skip (or fall back to checked-in outputs) on it.
var ErrNotFound = errors.New("no CPython 3.12 or later found")

// Interpreter is one CPython executable.
type Interpreter struct {
	// Path is the executable.
	Path string
	// Version is platform.python_version(), e.g. "3.12.1".
	Version string
	// Minor is the minor version (12 for 3.12.1).
	Minor int
}

func (py *Interpreter) String() string { return "CPython " + py.Version + " (" + py.Path + ")" }

var (
	findOnce sync.Once
	found    *Interpreter
	findErr  error
)

// Find returns a CPython of version 3.12 or later, looking (once per
// process) in this order and taking the first that answers:
//
//   - $RWGIL_PYTHON, if set (then nothing else is tried);
//   - python3.12 on PATH, then pyenv's 3.12 installations;
//   - python3 on PATH;
//   - python3.13, python3.14, ... on PATH, then pyenv's installations of
//     those.
//
// 3.12 comes first because the checked-in outputs were made with it; a
// later version gives the same answers for nearly every program, but not
// all (error messages are reworded between versions). pyenv's shims are
// skipped when the version they name is not selected; its installations
// are found under $PYENV_ROOT (default ~/.pyenv) directly. When none is
// found the error wraps ErrNotFound and says what was tried.
func Find() (*Interpreter, error) {
	findOnce.Do(func() { found, findErr = find() })
	return found, findErr
}

func find() (*Interpreter, error) {
	if p := os.Getenv(EnvVar); p != "" {
		py, err := probe(p)
		if err != nil {
			return nil, fmt.Errorf("%w: $%s=%s: %v", ErrNotFound, EnvVar, p, err)
		}
		return py, nil
	}
	var tried []string
	try := func(path string) *Interpreter {
		py, err := probe(path)
		if err != nil {
			tried = append(tried, fmt.Sprintf("%s (%v)", path, err))
			return nil
		}
		return py
	}
	onPath := func(name string) *Interpreter {
		p, err := exec.LookPath(name)
		if err != nil {
			tried = append(tried, name+" (not on PATH)")
			return nil
		}
		return try(p)
	}
	pyenv := pyenvVersions()
	if py := onPath("python3.12"); py != nil {
		return py, nil
	}
	for _, p := range pyenv[MinMinor] {
		if py := try(p); py != nil {
			return py, nil
		}
	}
	if py := onPath("python3"); py != nil {
		return py, nil
	}
	var later []int
	for minor := range pyenv {
		if minor > MinMinor {
			later = append(later, minor)
		}
	}
	sort.Ints(later)
	for minor := MinMinor + 1; minor <= MinMinor+4; minor++ {
		if p, err := exec.LookPath(fmt.Sprintf("python3.%d", minor)); err == nil {
			if py := try(p); py != nil {
				return py, nil
			}
		}
	}
	for _, minor := range later {
		for _, p := range pyenv[minor] {
			if py := try(p); py != nil {
				return py, nil
			}
		}
	}
	return nil, fmt.Errorf("%w; tried %s. Install one (e.g. `pyenv install 3.12`) or set $%s to its path",
		ErrNotFound, strings.Join(tried, ", "), EnvVar)
}

// pyenvVersions lists pyenv's CPython installations of 3.12 and later by
// minor version, newest patch release first.
func pyenvVersions() map[int][]string {
	root := os.Getenv("PYENV_ROOT")
	if root == "" {
		home, err := os.UserHomeDir()
		if err != nil {
			return nil
		}
		root = filepath.Join(home, ".pyenv")
	}
	dirs, err := filepath.Glob(filepath.Join(root, "versions", "3.*"))
	if err != nil {
		return nil
	}
	type inst struct {
		minor, patch int
		path         string
	}
	var all []inst
	for _, d := range dirs {
		parts := strings.Split(filepath.Base(d), ".")
		if len(parts) != 3 {
			continue // 3.12-dev, 3.13t and the like
		}
		minor, err1 := strconv.Atoi(parts[1])
		patch, err2 := strconv.Atoi(parts[2])
		if err1 != nil || err2 != nil || minor < MinMinor {
			continue
		}
		exe := filepath.Join(d, "bin", "python3")
		if _, err := os.Stat(exe); err == nil {
			all = append(all, inst{minor, patch, exe})
		}
	}
	sort.Slice(all, func(i, j int) bool { return all[i].patch > all[j].patch })
	out := map[int][]string{}
	for _, in := range all {
		out[in.minor] = append(out[in.minor], in.path)
	}
	return out
}

// probe asks an executable for its version.
func probe(path string) (*Interpreter, error) {
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	cmd := exec.CommandContext(ctx, path, "-c",
		"import platform, sys; print(sys.implementation.name, sys.version_info[0], sys.version_info[1], platform.python_version())")
	cmd.Env = environ(nil, "")
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		msg := strings.TrimSpace(stderr.String())
		if i := strings.IndexByte(msg, '\n'); i >= 0 {
			msg = msg[:i]
		}
		if msg == "" {
			msg = err.Error()
		}
		return nil, errors.New(msg)
	}
	f := strings.Fields(string(out))
	if len(f) != 4 {
		return nil, fmt.Errorf("unexpected version answer %q", out)
	}
	if f[0] != "cpython" {
		return nil, fmt.Errorf("%s %s, not CPython", f[0], f[3])
	}
	major, _ := strconv.Atoi(f[1])
	minor, _ := strconv.Atoi(f[2])
	if major != 3 || minor < MinMinor {
		return nil, fmt.Errorf("%s, too old", f[3])
	}
	return &Interpreter{Path: path, Version: f[3], Minor: minor}, nil
}

// environ is the environment CPython runs with: the caller's, minus every
// PYTHON* variable, plus the fixed settings the package doc lists and
// PYTHONPATH made of path.
func environ(path []string, seed string) []string {
	if seed == "" {
		seed = "0"
	}
	var env []string
	for _, kv := range os.Environ() {
		if strings.HasPrefix(kv, "PYTHON") {
			continue
		}
		env = append(env, kv)
	}
	env = append(env,
		"PYTHONHASHSEED="+seed,
		"PYTHONDONTWRITEBYTECODE=1",
		"PYTHONIOENCODING=utf-8",
		"PYTHONUTF8=1",
		"PYTHONNOUSERSITE=1",
	)
	if len(path) > 0 {
		env = append(env, "PYTHONPATH="+strings.Join(path, string(os.PathListSeparator)))
	}
	return env
}

// Options are how a program runs.
type Options struct {
	// Path lists directories for PYTHONPATH (e.g. the one holding the
	// thread module shim, docs/examples/thread.py), made absolute.
	Path []string
	// Timeout bounds the CPython process; 0 means 60 seconds.
	Timeout time.Duration
	// HashSeed is PYTHONHASHSEED; "" means "0". A program whose output
	// changes with it depends on the hashes of str values (set order).
	HashSeed string
}

func (o Options) timeout() time.Duration {
	if o.Timeout <= 0 {
		return 60 * time.Second
	}
	return o.Timeout
}

func (o Options) path() ([]string, error) {
	var out []string
	for _, p := range o.Path {
		a, err := filepath.Abs(p)
		if err != nil {
			return nil, err
		}
		out = append(out, a)
	}
	return out, nil
}

// Result is what a program did.
type Result struct {
	Stdout string
	Stderr string
	// ExitStatus is the process's exit status (RunFile).
	ExitStatus int
}

// LastLine is the last line of s without its newline ("" if s is empty):
// for an uncaught exception, the `Type: message` line.
func LastLine(s string) string {
	s = strings.TrimRight(s, "\n")
	if i := strings.LastIndexByte(s, '\n'); i >= 0 {
		return s[i+1:]
	}
	return s
}

// RunFile runs dir/file under the interpreter as a script, with dir as the
// working directory and file (a name relative to dir) as the argument.
// CPython prints the script's absolute path in tracebacks; RunFile strips
// dir from the `File "..."` lines of stderr, so that they name the file as
// given and the output does not depend on where the checkout is. Stdin is
// empty. The error is
// only for a program that could not be run or did not finish in time; an
// uncaught exception is a Result with a non-zero ExitStatus.
func (py *Interpreter) RunFile(dir, file string, opts Options) (Result, error) {
	path, err := opts.path()
	if err != nil {
		return Result{}, err
	}
	ctx, cancel := context.WithTimeout(context.Background(), opts.timeout())
	defer cancel()
	cmd := exec.CommandContext(ctx, py.Path, "-s", file)
	cmd.Dir = dir
	cmd.Env = environ(path, opts.HashSeed)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	err = cmd.Run()
	res := Result{Stdout: stdout.String(), Stderr: stderr.String()}
	if abs, aerr := filepath.Abs(dir); aerr == nil {
		res.Stderr = strings.ReplaceAll(res.Stderr, `File "`+abs+string(filepath.Separator), `File "`)
	}
	var exit *exec.ExitError
	switch {
	case ctx.Err() != nil:
		return res, fmt.Errorf("%s: did not finish in %v under %s", file, opts.timeout(), py)
	case errors.As(err, &exit):
		res.ExitStatus = exit.ExitCode()
	case err != nil:
		return res, fmt.Errorf("%s: %v", file, err)
	}
	return res, nil
}

//go:embed batch.py
var batchDriver string

// Program is one program of a batch.
type Program struct {
	// File is the name the program is compiled with (tracebacks and
	// SyntaxErrors show it).
	File string `json:"file"`
	// Source is the program text.
	Source string `json:"source"`
}

// BatchResult is what one program of a batch did.
type BatchResult struct {
	Stdout string `json:"stdout"`
	Stderr string `json:"stderr"`
	// Error is "" when the program ran to its end, else the last line of
	// the exception that escaped it as CPython prints it, `Type: message`
	// (a SyntaxError raised by compiling it included).
	Error string `json:"error"`
}

// RunBatch runs progs, in order, in one CPython process: each is compiled
// with its File name and executed as __main__ in a fresh namespace, with
// its stdout and stderr captured (batch.py is the driver). The programs
// share the process, so one that changes interpreter state (sys.modules,
// the recursion limit is restored) may affect the next: the programs are
// meant to be small generated ones. The error is for a batch that could
// not be run at all.
func (py *Interpreter) RunBatch(progs []Program, opts Options) ([]BatchResult, error) {
	path, err := opts.path()
	if err != nil {
		return nil, err
	}
	in, err := json.Marshal(progs)
	if err != nil {
		return nil, err
	}
	ctx, cancel := context.WithTimeout(context.Background(), opts.timeout())
	defer cancel()
	cmd := exec.CommandContext(ctx, py.Path, "-s", "-c", batchDriver)
	cmd.Env = environ(path, opts.HashSeed)
	cmd.Stdin = bytes.NewReader(in)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	err = cmd.Run()
	switch {
	case ctx.Err() != nil:
		return nil, fmt.Errorf("a batch of %d programs did not finish in %v under %s", len(progs), opts.timeout(), py)
	case err != nil:
		return nil, fmt.Errorf("batch of %d programs under %s: %v\n%s", len(progs), py, err, stderr.String())
	}
	var results []BatchResult
	if err := json.Unmarshal(stdout.Bytes(), &results); err != nil {
		return nil, fmt.Errorf("batch under %s: reading its answer: %v", py, err)
	}
	if len(results) != len(progs) {
		return nil, fmt.Errorf("batch under %s: %d results for %d programs", py, len(results), len(progs))
	}
	return results, nil
}
