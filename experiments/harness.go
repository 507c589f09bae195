package experiments

import (
	"bytes"
	"context"
	"embed"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/rwgil/rwgil/core"
	"github.com/rwgil/rwgil/core/bytecode"
	"github.com/rwgil/rwgil/eml"
	"github.com/rwgil/rwgil/python"
	"github.com/rwgil/rwgil/python/compile"
	"github.com/rwgil/rwgil/python/syntax"
	"github.com/rwgil/rwgil/refcount"
)

// The harness runs a workload -- a Python file of workloads/ -- under one
// target: a fresh rwgil runtime in this process, configured by the
// target's policy, mutex, refcount strategy and so on, or a fresh CPython
// process. The workload prints its measurements as one JSON line on
// standard output, which the harness decodes. Rounds interleave the
// targets (A B C A B C ...) so that a ratio is always taken between runs
// made within seconds of each other, while a shared machine's speed
// drifts.

//go:embed workloads/*.py
var workloadFiles embed.FS

// WorkloadSource returns the source of the workload file name (for
// example "suite.py").
func WorkloadSource(name string) ([]byte, error) {
	return workloadFiles.ReadFile("workloads/" + name)
}

// Workloads returns the names of the bundled workload files, sorted.
func Workloads() []string {
	ents, _ := workloadFiles.ReadDir("workloads")
	var names []string
	for _, e := range ents {
		names = append(names, e.Name())
	}
	sort.Strings(names)
	return names
}

// A Target is one way of running a workload: an rwgil lock design or a
// CPython interpreter.
type Target struct {
	// Name labels the target in tables ("eml", "gil+prio", "cpython3.13").
	Name string
	// CPython, when set, is the path of a CPython interpreter; the fields
	// below are then unused.
	CPython string
	// GILEnabled is, for a CPython target, what sys._is_gil_enabled()
	// said (true for every build before 3.13).
	GILEnabled bool
	// Version is, for a CPython target, its version ("3.13.0").
	Version string

	Policy         eml.Policy
	Priorities     bool
	Refcount       refcount.Kind // zero: the runtime's default for Policy
	Mutex          eml.MutexKind
	SwitchInterval time.Duration // zero: the lock's default
	SafePoints     core.SafePointMode
}

// IsCPython reports whether t runs CPython rather than rwgil.
func (t Target) IsCPython() bool { return t.CPython != "" }

// PolicyName is the target's policy as a row names it: an rwgil policy,
// or "cpython" (with GIL) or "cpython-ft" (free-threaded).
func (t Target) PolicyName() string {
	switch {
	case !t.IsCPython():
		return t.Policy.String()
	case t.GILEnabled:
		return "cpython"
	default:
		return "cpython-ft"
	}
}

// PolicyTarget is the rwgil target of policy p with its defaults.
func PolicyTarget(p eml.Policy) Target { return Target{Name: p.String(), Policy: p} }

// A Measurement is what one run of a workload reported.
type Measurement struct {
	// Values is the workload's JSON line, decoded.
	Values map[string]any
	// Stats is the runtime's counters at the end of an rwgil run (nil for
	// CPython).
	Stats *core.Stats
	// Wall is the run's wall time, start-up included.
	Wall time.Duration
}

// Float returns the number the workload reported under key, or 0.
func (m Measurement) Float(key string) float64 {
	f, _ := m.Values[key].(float64)
	return f
}

// ErrWorkload is wrapped by every error of a workload that ran and failed
// (an exception, a bad output line), as opposed to a harness that could
// not start it.
var ErrWorkload = errors.New("workload failed")

// Run runs workload (a file of Workloads()) under t with the arguments
// args (its sys.argv[1:]) and returns what it measured.
func Run(ctx context.Context, t Target, workload string, args ...string) (Measurement, error) {
	return RunWatching(ctx, t, workload, args, nil)
}

// RunWatching is Run, and calls onLine (when not nil) with every JSON
// line the workload prints, as soon as it is printed: a server workload
// tells its port that way.
func RunWatching(ctx context.Context, t Target, workload string, args []string, onLine func(map[string]any)) (Measurement, error) {
	src, err := WorkloadSource(workload)
	if err != nil {
		return Measurement{}, fmt.Errorf("experiments: no workload %q", workload)
	}
	start := time.Now()
	var m Measurement
	stdout := &lineWriter{onLine: onLine}
	if t.IsCPython() {
		err = runCPython(ctx, t, workload, args, stdout)
	} else {
		m.Stats, err = runRWGIL(ctx, t, workload, src, args, stdout)
	}
	m.Wall = time.Since(start)
	if err != nil {
		return m, err
	}
	m.Values, err = stdout.result()
	if err != nil {
		return m, fmt.Errorf("%w: %s %s under %s: %v", ErrWorkload, workload, strings.Join(args, " "), t.Name, err)
	}
	return m, nil
}

// workloadPath is the file name a workload's tracebacks show.
func workloadPath(workload string) string { return "experiments/workloads/" + workload }

// runRWGIL runs the workload in a fresh runtime made from t.
func runRWGIL(ctx context.Context, t Target, workload string, src []byte, args []string, stdout io.Writer) (*core.Stats, error) {
	var stderr bytes.Buffer
	cfg := core.Config{
		Policy:         t.Policy,
		Priorities:     t.Priorities,
		Refcount:       t.Refcount,
		Mutex:          t.Mutex,
		SwitchInterval: t.SwitchInterval,
		SafePoints:     t.SafePoints,
		Stdout:         stdout,
		Stderr:         &stderr,
		Argv:           append([]string{workloadPath(workload)}, args...),
		CaretAnchors:   syntax.CaretAnchors,
		Source: func(name string) ([]byte, bool) {
			return src, name == workloadPath(workload)
		},
	}
	rt, err := core.NewRuntime(cfg)
	if err != nil {
		return nil, fmt.Errorf("experiments: %s: %w", t.Name, err)
	}
	if err := python.RegisterModules(rt); err != nil {
		_ = rt.Close()
		return nil, fmt.Errorf("experiments: %w", err)
	}
	stop := context.AfterFunc(ctx, func() { rt.Interrupt() })
	code, err := compiled(workload, src)
	if err != nil {
		_ = rt.Close()
		return nil, fmt.Errorf("%w: %v", ErrWorkload, err)
	}
	res, err := rt.Exec(code)
	stop()
	stats := rt.Stats()
	_ = rt.Close()
	switch {
	case err != nil:
		return nil, fmt.Errorf("%w: %s under %s: %v", ErrWorkload, workload, t.Name, err)
	case ctx.Err() != nil:
		return nil, ctx.Err()
	case res.ExitStatus != 0 || len(res.ThreadErrors) > 0:
		// stderr holds the threads' reports and what the program wrote
		// there (a usage message before sys.exit(2)).
		return nil, fmt.Errorf("%w: %s %s under %s (exit status %d):\n%s%s", ErrWorkload, workload, strings.Join(args, " "), t.Name, res.ExitStatus, stderr.String(), res.Exception)
	}
	return &stats, nil
}

// compiledCode caches each workload's bytecode: code is immutable once
// compiled, and every run executes the same file.
var compiledCode sync.Map // workload name -> *bytecode.Code

func compiled(workload string, src []byte) (*bytecode.Code, error) {
	if c, ok := compiledCode.Load(workload); ok {
		return c.(*bytecode.Code), nil
	}
	c, err := compile.Compile(workloadPath(workload), src)
	if err != nil {
		return nil, err
	}
	compiledCode.Store(workload, c)
	return c, nil
}

// scratch holds the workload files written out for CPython, which needs
// them on disk; made once per process.
var scratch struct {
	once sync.Once
	dir  string
	err  error
}

func workloadDir() (string, error) {
	scratch.once.Do(func() {
		dir, err := os.MkdirTemp("", "rwgil-workloads-")
		if err != nil {
			scratch.err = err
			return
		}
		for _, name := range Workloads() {
			src, _ := WorkloadSource(name)
			if err := os.WriteFile(filepath.Join(dir, name), src, 0o644); err != nil {
				scratch.err = err
				return
			}
		}
		scratch.dir = dir
	})
	return scratch.dir, scratch.err
}

// runCPython runs the workload in a fresh CPython process.
func runCPython(ctx context.Context, t Target, workload string, args []string, stdout io.Writer) error {
	dir, err := workloadDir()
	if err != nil {
		return fmt.Errorf("experiments: writing the workloads out for CPython: %w", err)
	}
	cmd := exec.CommandContext(ctx, t.CPython, append([]string{"-u", filepath.Join(dir, workload)}, args...)...)
	var stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = stdout, &stderr
	if err := cmd.Run(); err != nil {
		if ctx.Err() != nil {
			return ctx.Err()
		}
		return fmt.Errorf("%w: %s %s under %s: %v\n%s", ErrWorkload, workload, strings.Join(args, " "), t.Name, err, stderr.String())
	}
	return nil
}

// lineWriter reads a workload's output as it arrives: it decodes every
// complete line that is a JSON object once, hands it to onLine (when not
// nil), and keeps the last one -- the workload's measurements -- for
// result.
type lineWriter struct {
	mu      sync.Mutex
	head    []byte // the output's first bytes, for an error message
	partial []byte
	onLine  func(map[string]any)
	last    map[string]any // the last JSON line so far
	lastErr error          // set when the last line that looked like JSON was not
}

// headSize is how much of the output an error message quotes.
const headSize = 200

func (w *lineWriter) Write(p []byte) (int, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	if n := headSize + 1 - len(w.head); n > 0 {
		w.head = append(w.head, p[:min(n, len(p))]...)
	}
	w.partial = append(w.partial, p...)
	for {
		i := bytes.IndexByte(w.partial, '\n')
		if i < 0 {
			break
		}
		w.line(w.partial[:i])
		w.partial = w.partial[i+1:]
	}
	return len(p), nil
}

// line decodes one line of output, if it is a JSON object. w.mu is held.
func (w *lineWriter) line(b []byte) {
	line := bytes.TrimSpace(b)
	if len(line) == 0 || line[0] != '{' {
		return
	}
	var v map[string]any
	if err := json.Unmarshal(line, &v); err != nil {
		w.last, w.lastErr = nil, fmt.Errorf("its JSON line %q: %v", truncate(string(line), headSize), err)
		return
	}
	w.last, w.lastErr = v, nil
	if w.onLine != nil {
		w.onLine(v)
	}
}

// result is the last line of the output that is a JSON object, once the
// workload has ended (a last line without a newline counts too).
func (w *lineWriter) result() (map[string]any, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	if len(w.partial) > 0 {
		w.line(w.partial)
		w.partial = nil
	}
	switch {
	case w.lastErr != nil:
		return nil, w.lastErr
	case w.last == nil:
		return nil, fmt.Errorf("it printed no JSON line (output: %q)", truncate(string(w.head), headSize))
	}
	return w.last, nil
}

func truncate(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return s[:n] + "..."
}

// CPythonTarget asks the interpreter at path for its version and whether
// its GIL is enabled, and returns its target.
func CPythonTarget(ctx context.Context, path string) (Target, error) {
	out, err := exec.CommandContext(ctx, path, "-c",
		`import sys; print("%d.%d.%d" % sys.version_info[:3], getattr(sys, "_is_gil_enabled", lambda: True)())`).Output()
	if err != nil {
		return Target{}, fmt.Errorf("experiments: CPython %s: %v", path, err)
	}
	version, gil, ok := strings.Cut(strings.TrimSpace(string(out)), " ")
	if !ok {
		return Target{}, fmt.Errorf("experiments: CPython %s: unexpected answer %q", path, out)
	}
	t := Target{CPython: path, Version: version, GILEnabled: gil == "True"}
	t.Name = "cpython" + version
	if !t.GILEnabled {
		t.Name += "t"
	}
	return t, nil
}
