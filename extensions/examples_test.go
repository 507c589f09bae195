package extensions_test

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"runtime"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/rwgil/rwgil/core"
	"github.com/rwgil/rwgil/core/bytecode"
	"github.com/rwgil/rwgil/eml"
	"github.com/rwgil/rwgil/extensions"
)

// exampleDir holds one example program per bundled module.
const exampleDir = "../docs/examples/extensions"

// exampleSpec is what one program of exampleDir must do.
type exampleSpec struct {
	// modes are the callback modes to run it under; nil means the
	// default (drop) only.
	modes []core.CallbackMode
	// gilWarning names the first unported module the program imports:
	// under sticky that import turns the GIL on, and stderr starts with
	// its warning. Empty for a program that imports only ported modules.
	gilWarning string
	// stderr is a regexp for the rest of stderr; empty means nothing.
	stderr string
	// stdout returns a regexp for stdout under policy p and mode m. Each
	// is exact where the policy guarantees the result, and loose where
	// the result depends on timing (free); none asserts that anything
	// breaks.
	stdout func(p eml.Policy, m core.CallbackMode) string
}

// exampleExclusive reports whether an unported call is exclusive under p.
func exampleExclusive(p eml.Policy) bool { return p != eml.PolicyFree }

// exampleSpecs are the programs of exampleDir, by file name.
var exampleSpecs = map[string]exampleSpec{
	"legacy_counter.rwa": {
		gilWarning: "legacy_counter",
		stdout: func(p eml.Policy, _ core.CallbackMode) string {
			if exampleExclusive(p) {
				return `value = 2000 of 2000 lost: 0\n`
			}
			return `value = \d+ of 2000 lost: \d+\n`
		},
	},
	"legacy_pairs.rwa": {
		gilWarning: "legacy_pairs",
		stdout: func(p eml.Policy, _ core.CallbackMode) string {
			if exampleExclusive(p) {
				return `out-of-step reads: 0 of \d+ checks\nitems: 300 in_step: True\n`
			}
			// list.append is atomic under every policy: no item is lost.
			return `out-of-step reads: \d+ of \d+ checks\nitems: 300 in_step: (True|False)\n`
		},
	},
	"lost_update.rwa": {
		gilWarning: "legacy_counter",
		stdout: func(p eml.Policy, _ core.CallbackMode) string {
			if exampleExclusive(p) {
				return `value = 2 of 2\n`
			}
			return `value = [12] of 2\n`
		},
	},
	"ported_counter.rwa": {
		stdout: func(eml.Policy, core.CallbackMode) string {
			return `value = 2000 of 2000 lost: 0\n`
		},
	},
	"callback.rwa": {
		modes:      []core.CallbackMode{core.CallbacksDrop, core.CallbacksHold},
		gilWarning: "callback",
		stdout: func(p eml.Policy, m core.CallbackMode) string {
			if exampleExclusive(p) && m == core.CallbacksHold {
				return `wrong totals: 0 of 20\n`
			}
			return `wrong totals: \d+ of 20\n`
		},
	},
	"blocking_io.rwa": {
		gilWarning: "blocking_io",
		stdout: func(p eml.Policy, _ core.CallbackMode) string {
			if exampleExclusive(p) {
				return `counts: \(8, 8\)\ncounter ran during the reads: True\n`
			}
			return `counts: \([0-8], [0-8]\)\ncounter ran during the reads: True\n`
		},
	},
	"timer.rwa": {
		gilWarning: "timer",
		stdout: func(eml.Policy, core.CallbackMode) string {
			return `timer fired 5 of 5: ticks = 5 seen = \[0, 1, 2, 3, 4\] fired\(\) = 5\nmain work: 12497500\n`
		},
	},
	"reentrant.rwa": {
		modes:      []core.CallbackMode{core.CallbacksDrop, core.CallbacksHold},
		gilWarning: "reentrant",
		stdout: func(p eml.Policy, m core.CallbackMode) string {
			depth := "1"
			if m == core.CallbacksHold {
				depth = "2"
			}
			counter := `\d+`
			if exampleExclusive(p) {
				counter = "100"
			}
			return `depths seen: \[` + depth + `\]\ncounter = ` + counter + ` of 100\n`
		},
	},
	"faulty.rwa": {
		gilWarning: "faulty",
		// in_foreign's goroutine prints the exception it cannot raise.
		stderr: `Exception in thread faulty-foreign:\n(?:.*\n)*?RuntimeError: faulty\.<foreign> failed: simulated crash on a foreign goroutine\n`,
		stdout: func(eml.Policy, core.CallbackMode) string {
			return regexp.QuoteMeta(`update(1) -> RuntimeError: faulty.update failed: simulated crash half-way through the update
state: (1, 0)
after repair(): (1, 1)
in_blocking() -> RuntimeError: faulty.in_blocking failed: simulated crash inside AllowThreads
in_section(shared) -> RuntimeError: faulty.in_section failed: simulated crash inside a critical section
after_callback(note) -> RuntimeError: faulty.after_callback failed: simulated crash after a callback
in_foreign() -> returned None
go_error() -> SystemError: faulty.go_error returned a Go error: a Go error escaped the extension
still running: shared = ['callback', 'thread']
`)
		},
	},
	"msgsocket.rwa": {
		stdout: func(eml.Policy, core.CallbackMode) string {
			return `client: sent 20, echoed back intact 20\nserver: echoed 20 messages, then saw the end of the stream\n`
		},
	},
}

// TestExamples runs every program of docs/examples/extensions under every
// policy (and, where the program's story is about callbacks, under both
// callback modes) on a fresh runtime with the bundled modules: each must
// finish without an uncaught exception, print what its policy guarantees,
// write nothing else to stderr, and leave no object alive and no refcount
// report behind.
func TestExamples(t *testing.T) {
	files, err := filepath.Glob(filepath.Join(exampleDir, "*.rwa"))
	if err != nil {
		t.Fatal(err)
	}
	found := map[string]bool{}
	for _, path := range files {
		found[filepath.Base(path)] = true
	}
	var missing []string
	for name := range exampleSpecs {
		if !found[name] {
			missing = append(missing, name)
		}
	}
	sort.Strings(missing)
	for _, name := range missing {
		t.Errorf("%s is named in exampleSpecs but missing from %s", name, exampleDir)
	}
	for _, path := range files {
		name := filepath.Base(path)
		spec, ok := exampleSpecs[name]
		if !ok {
			t.Errorf("%s has no expectation in exampleSpecs: add one", path)
			continue
		}
		src, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		code, err := bytecode.Assemble(name, src)
		if err != nil {
			t.Errorf("%s does not assemble: %v", name, err)
			continue
		}
		modes := spec.modes
		if modes == nil {
			modes = []core.CallbackMode{core.CallbacksDrop}
		}
		for _, p := range eml.Policies() {
			for _, m := range modes {
				label := p.String()
				if spec.modes != nil {
					label += "/callbacks=" + m.String()
				}
				t.Run(name+"/"+label, func(t *testing.T) {
					wantOut := regexp.MustCompile(`\A` + spec.stdout(p, m) + `\z`)
					errPat := spec.stderr
					if p == eml.PolicySticky && spec.gilWarning != "" {
						errPat = regexp.QuoteMeta(fmt.Sprintf(extensions.GILWarning, spec.gilWarning)) + errPat
					}
					wantErr := regexp.MustCompile(`\A` + errPat + `\z`)
					start := time.Now()
					out, errOut, problems := runExample(t, name, label, core.Config{Policy: p, Callbacks: m}, code)
					t.Logf("%s under %s: %v", name, label, time.Since(start).Round(time.Millisecond))
					if !wantOut.MatchString(out) {
						problems = append(problems, "stdout does not match")
					}
					if !wantErr.MatchString(errOut) {
						problems = append(problems, "stderr does not match")
					}
					if len(problems) > 0 {
						t.Errorf("%s under %s: %s\nwant stdout matching %s\nwant stderr matching %s\ngot stdout:\n%s\ngot stderr:\n%s",
							name, label, strings.Join(problems, "\n"), wantOut, wantErr, out, errOut)
					}
				})
			}
		}
	}
}

// exampleTimeout bounds one run: the programs take milliseconds, so a
// run this long is a hang.
const exampleTimeout = time.Minute

// runExample runs code as __main__ on a fresh runtime for cfg with the
// bundled modules, waits for every thread it started, and returns what it
// wrote to stdout and stderr, and what went wrong besides: an uncaught
// exception, an error from closing the runtime (a leak, a refcount
// report). A run that hangs fails the test at once, with every
// goroutine's stack.
func runExample(t *testing.T, name, label string, cfg core.Config, code *bytecode.Code) (stdout, stderr string, problems []string) {
	t.Helper()
	var out, errOut syncBuffer
	cfg.Stdout, cfg.Stderr, cfg.TrackObjects = &out, &errOut, true
	rt, err := core.NewRuntime(cfg)
	if err != nil {
		t.Fatal(err)
	}
	if err := extensions.RegisterBundled(rt); err != nil {
		t.Fatal(err)
	}
	done := make(chan []string, 1)
	go func() {
		var problems []string
		res, err := rt.Exec(code)
		switch {
		case err != nil:
			problems = append(problems, fmt.Sprintf("run: %v", err))
		case res.Exception != "":
			problems = append(problems, "uncaught exception:\n"+res.Exception)
		}
		if err := rt.Close(); err != nil {
			problems = append(problems, fmt.Sprintf("runtime Close: %v", err))
		}
		done <- problems
	}()
	select {
	case problems = <-done:
	case <-time.After(exampleTimeout):
		buf := make([]byte, 1<<20)
		buf = buf[:runtime.Stack(buf, true)]
		t.Fatalf("%s under %s: still running after %v\nstdout:\n%s\nstderr:\n%s\ngoroutines:\n%s",
			name, label, exampleTimeout, out.String(), errOut.String(), buf)
	}
	return out.String(), errOut.String(), problems
}
