package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// writeFile writes a file under a test's temp dir and returns its path.
func writeFile(t *testing.T, name string, data []byte) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

const helloRwa = `module
    LOAD_NAME print
    LOAD_CONST "hello"
    CALL 1
    POP_TOP
    RETURN_CONST None
end
`

const raisesRwa = `module
    LOAD_CONST @f
    MAKE_FUNCTION 0
    STORE_NAME f
    LOAD_NAME f
    CALL 0
    POP_TOP
    RETURN_CONST None
end

func f()
    LOAD_CONST 1
    LOAD_CONST 0
    BINARY_OP //
    RETURN_VALUE
end
`

func TestRunCommand(t *testing.T) {
	hello := writeFile(t, "hello.rwa", []byte(helloRwa))
	raises := writeFile(t, "raises.rwa", []byte(raisesRwa))
	empty := writeFile(t, "empty.rwa", nil)
	garbage := writeFile(t, "garbage.rwa", []byte{0xff, 0xfe, 0x00, 0x01, 'm', 'o', 'd'})
	junk := writeFile(t, "junk.rwa", bytes.Repeat([]byte("@@@ not a program\n"), 10<<20/18))
	syntax := writeFile(t, "syntax.rwa", []byte("module\n    LOAD_CONST\nend\n"))
	dir := t.TempDir()
	legacyCounter := "../../docs/examples/extensions/legacy_counter.rwa"
	deadlock := "../../schedule/testdata/deadlock.rwa"
	socket := "../../docs/examples/extensions/msgsocket.rwa"
	badSchedule := writeFile(t, "bad.schedule", []byte("# a schedule\n0 1\n0 x 2\n"))
	for _, tc := range []struct {
		name           string
		args           []string
		code           int
		stdout, stderr string // substrings; "" = must be empty
	}{
		{"hello", []string{"run", hello}, 0, "hello\n", ""},
		{"hello under gil", []string{"run", "-policy", "gil", hello}, 0, "hello\n", ""},
		{"every policy flag", []string{"run", "-policy", "free", "-refcount", "atomic", "-mutex", "spinpark", "-safepoints", "every", "-callbacks", "hold", hello}, 0, "hello\n", ""},
		{"uncaught exception", []string{"run", raises}, 1, "", "ZeroDivisionError: integer division or modulo by zero"},
		{"traceback names frames", []string{"run", raises}, 1, "", `in f`},
		{"stats", []string{"run", "-stats", hello}, 0, "hello\n", "--- rwgil stats: policy eml"},
		{"missing file", []string{"run", filepath.Join(dir, "nope.rwa")}, 2, "", "no such file or directory"},
		{"directory", []string{"run", dir}, 2, "", "is a directory"},
		{"empty file", []string{"run", empty}, 2, "", "empty.rwa:1:1: expected a module block"},
		{"binary garbage", []string{"run", garbage}, 2, "", "garbage.rwa:1:1:"},
		{"10 MB of junk", []string{"run", junk}, 2, "", "junk.rwa:1:1:"},
		{"syntax error", []string{"run", syntax}, 2, "", "syntax.rwa:2:"},
		{"no file", []string{"run"}, 2, "", "missing FILE.rwa"},
		{"a second file is the program's argument", []string{"run", hello, hello}, 0, "hello\n", ""},
		{"sys.argv", []string{"run", "testdata/argv.py", "a", "-v", "--x=1"}, 0, "['testdata/argv.py', 'a', '-v', '--x=1']\n", ""},
		{"bad policy", []string{"run", "-policy", "nogil", hello}, 2, "", `unknown policy "nogil"`},
		{"plain refcount under eml", []string{"run", "-refcount", "plain", hello}, 2, "", "only valid under the gil policy"},
		{"bad refcount", []string{"run", "-refcount", "magic", hello}, 2, "", `"magic"`},
		{"bad recursion limit", []string{"run", "-recursion-limit", "0", hello}, 2, "", "-recursion-limit must be positive"},
		{"promotions by module", []string{"run", "-stats", legacyCounter}, 0, "lost: 0", "promotions by module: legacy_counter "},
		{"strict free refuses unported", []string{"run", "-policy", "free", "-strict", legacyCounter}, 1, "", "ImportError: module 'legacy_counter' is not ported to free threading"},
		{"adaptive's switches in the stats", []string{"run", "-policy", "adaptive", "-stats", legacyCounter}, 0, "lost: 0", "adaptive: "},
		{"adaptive under a schedule", []string{"run", "-policy", "adaptive", "-schedule", "seed:1", "-stats", legacyCounter}, 0, "lost: 0", "switches between eml and GIL mode, chosen by the schedule"},
		{"sticky warns", []string{"run", "-policy", "sticky", legacyCounter}, 0, "lost: 0", "RuntimeWarning: the GIL has been enabled to load module 'legacy_counter'"},
		{"modules", []string{"modules"}, 0, "legacy_counter  unported", ""},
		{"one module's story", []string{"modules", "msgsocket"}, 0, "loopback TCP", ""},
		{"every story", []string{"modules", "-v"}, 0, "faulty: an extension that crashes half-way", ""},
		{"unknown module", []string{"modules", "nope"}, 2, "", `no bundled module "nope"`},
		{"schedule seed", []string{"run", "-schedule", "seed:1", hello}, 0, "hello\n", ""},
		{"schedule table", []string{"run", "-policy", "free", "-schedule", "seed:3", "-show-schedule", legacyCounter}, 0, "of 2000", "run it again with -schedule seed:3"},
		{"schedule table columns", []string{"run", "-schedule", "seed:3", "-show-schedule", legacyCounter}, 0, "lost: 0", "| Thread-4"},
		{"schedule bad seed", []string{"run", "-schedule", "seed:x", hello}, 2, "", `-schedule seed:N needs a number, got "x"`},
		{"schedule bad kind", []string{"run", "-schedule", "later", hello}, 2, "", `-schedule "later": want seed:N, pct:SEED:DEPTH, exhaustive:P, replay:FILE or random`},
		{"schedule pct", []string{"run", "-policy", "free", "-schedule", "pct:3:2", legacyCounter}, 0, "of 2000", "PCT depth 2: a bug of depth 2 is found with probability at least 1/(n·k^1)"},
		{"schedule pct says how to rerun", []string{"run", "-policy", "free", "-schedule", "pct:3:2", "-show-schedule", hello}, 0, "hello\n", "run it again with -schedule pct:3:2:"},
		{"schedule exhaustive finds", []string{"run", "-policy", "free", "-schedule", "exhaustive:2", "testdata/plus.py"}, 1, "counter = 1\n", "failed under a schedule with 1 preemption"},
		{"schedule exhaustive verifies", []string{"run", "-policy", "gil", "-schedule", "exhaustive:2", "testdata/plus.py"}, 0, "counter = 2\n", "verified for all schedules up to 2 preemptions"},
		{"schedule exhaustive without DPOR", []string{"run", "-policy", "free", "-dpor=false", "-schedule", "exhaustive:2", "testdata/plus.py"}, 1, "counter = 1\n", "failed under a schedule with 1 preemption"},
		{"schedule report", []string{"run", "-policy", "free", "-schedule", "exhaustive:1", "-show-schedule", "testdata/plus.py"}, 1, "counter = 1\n", "Thread-2 read counter = 0 after Thread-1 had read 0 and before it wrote 1: one update lost"},
		{"schedule report marks the switch", []string{"run", "-policy", "free", "-schedule", "exhaustive:1", "-show-schedule", "-schedule-width", "20", "testdata/plus.py"}, 1, "counter = 1\n", "| -- switch --         |                      | <== this switch breaks it"},
		{"schedule trace-detail instructions", []string{"run", "-policy", "free", "-schedule", "exhaustive:1", "-show-schedule", "-trace-detail", "instructions", "testdata/plus.py"}, 1, "counter = 1\n", "[left the runtime]"},
		{"schedule bad trace-detail", []string{"run", "-schedule", "seed:1", "-trace-detail", "all", hello}, 2, "", `-trace-detail must be steps or instructions, got "all"`},
		{"schedule exhaustive bad bound", []string{"run", "-schedule", "exhaustive:x", hello}, 2, "", "-schedule exhaustive:P needs a preemption bound of 0 to 6"},
		{"schedule pct bad depth", []string{"run", "-schedule", "pct:1:0", hello}, 2, "", "the depth must be 1 to 10, got \"0\""},
		{"schedule pct no depth", []string{"run", "-schedule", "pct:1", hello}, 2, "", "-schedule pct:SEED:DEPTH needs a seed and a depth"},
		{"schedule replay no file", []string{"run", "-schedule", "replay:", hello}, 2, "", "-schedule replay:FILE needs a file"},
		{"schedule replay missing", []string{"run", "-schedule", "replay:" + filepath.Join(dir, "nope"), hello}, 2, "", "no such file or directory"},
		{"schedule replay malformed", []string{"run", "-schedule", "replay:" + badSchedule, hello}, 2, "", "bad.schedule:3:"},
		{"schedule bad bound", []string{"run", "-schedule", "seed:1", "-preemption-bound", "-1", hello}, 2, "", "-preemption-bound must be >= 0"},
		{"schedule and trace", []string{"run", "-schedule", "seed:1", "-trace", filepath.Join(dir, "t.out"), hello}, 2, "", "-trace and -schedule do not mix"},
		{"schedule and cpuprofile", []string{"run", "-schedule", "seed:1", "-cpuprofile", filepath.Join(dir, "p.out"), hello}, 2, "", "-cpuprofile and -schedule do not mix"},
		{"schedule deadlock", []string{"run", "-schedule", "seed:2", deadlock}, 1, "", "deadlock: no thread can run"},
		{"schedule deadlock names the waits", []string{"run", "-policy", "gil", "-schedule", "seed:2", deadlock}, 1, "", "waiting for lock #2 held by Thread-2"},
		{"schedule deadlock says how to replay", []string{"run", "-schedule", "seed:2", deadlock}, 1, "", "under seed 2; run it again with -schedule seed:2"},
		{"schedule step limit", []string{"run", "-schedule", "seed:1", "-max-steps", "100", legacyCounter}, 1, "", "the run passed 100 scheduling points (MaxSteps)"},
		{"schedule refuses real sockets", []string{"run", "-schedule", "seed:1", socket}, 1, "", "real network I/O is refused under a deterministic schedule"},
		{"dis", []string{"dis", hello}, 0, "LOAD_CONST \"hello\"", ""},
		{"dis syntax error", []string{"dis", syntax}, 2, "", "syntax.rwa:2:"},
		{"dis no file", []string{"dis"}, 2, "", "missing FILE.rwa"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var stdout, stderr bytes.Buffer
			code := run(tc.args, &stdout, &stderr)
			if code != tc.code {
				t.Errorf("exit status %d, want %d\nstdout: %s\nstderr: %s", code, tc.code, &stdout, &stderr)
			}
			for _, c := range []struct {
				name      string
				got, want string
			}{{"stdout", stdout.String(), tc.stdout}, {"stderr", stderr.String(), tc.stderr}} {
				if c.want == "" && c.got != "" && !(c.name == "stdout" && tc.code == 0) {
					t.Errorf("%s = %q, want nothing", c.name, c.got)
				}
				if !strings.Contains(c.got, c.want) {
					t.Errorf("%s = %q, want it to contain %q", c.name, c.got, c.want)
				}
			}
			if tc.code == 2 && strings.Count(strings.TrimSpace(stderr.String()), "\n") > 0 {
				t.Errorf("a usage or syntax error must be one line, got:\n%s", &stderr)
			}
			if strings.Contains(stderr.String(), "goroutine ") || strings.Contains(stderr.String(), "panic:") {
				t.Errorf("a Go stack trace reached the user:\n%s", &stderr)
			}
		})
	}
}

// TestRunExamples runs each program of docs/examples, and of
// docs/examples/extensions (which import the bundled modules), from the
// command line: exit status 0 and output on stdout.
func TestRunExamples(t *testing.T) {
	files, _ := filepath.Glob("../../docs/examples/*.rwa")
	ext, _ := filepath.Glob("../../docs/examples/extensions/*.rwa")
	files = append(files, ext...)
	if len(files) == 0 || len(ext) == 0 {
		t.Fatal("no example programs found")
	}
	for _, f := range files {
		t.Run(filepath.Base(f), func(t *testing.T) {
			var stdout, stderr bytes.Buffer
			if code := run([]string{"run", f}, &stdout, &stderr); code != 0 || stdout.Len() == 0 {
				t.Fatalf("exit %d, stdout %q, stderr %q", code, &stdout, &stderr)
			}
		})
	}
}

// TestScheduleReplay: a schedule saved by -save-schedule replays from the
// file to the same output and the same interleaving table.
func TestScheduleReplay(t *testing.T) {
	prog := "../../docs/examples/extensions/legacy_counter.rwa"
	saved := filepath.Join(t.TempDir(), "lost.schedule")
	var out1, err1 bytes.Buffer
	if code := run([]string{"run", "-policy", "free", "-schedule", "seed:7", "-save-schedule", saved, "-show-schedule", prog}, &out1, &err1); code != 0 {
		t.Fatalf("exit status %d\n%s", code, &err1)
	}
	if !strings.Contains(err1.String(), "replay with: rwgil run -policy free -schedule replay:"+saved) {
		t.Errorf("the table does not say how to replay:\n%s", &err1)
	}
	var out2, err2 bytes.Buffer
	if code := run([]string{"run", "-policy", "free", "-schedule", "replay:" + saved, "-show-schedule", prog}, &out2, &err2); code != 0 {
		t.Fatalf("replay: exit status %d\n%s", code, &err2)
	}
	if out1.String() != out2.String() {
		t.Errorf("replayed output %q, want %q", &out2, &out1)
	}
	table := func(s string) string { // the table: no header naming the chooser, no hint after
		lines := strings.Split(strings.TrimSpace(s), "\n")
		return strings.Join(lines[1:len(lines)-1], "\n")
	}
	if a, b := table(err1.String()), table(err2.String()); a != b || !strings.Contains(a, "| MainThread") {
		t.Errorf("replayed table differs:\n%s\nwant:\n%s", b, a)
	}
	if strings.Contains(err2.String(), "warning") {
		t.Errorf("the replay diverged:\n%s", &err2)
	}
}

// TestRunReliability: the command-line mistakes of issue 12 (items 4, 14
// and 15) each get one clear line, and the reports of scheduled runs are
// those of real ones.
func TestRunReliability(t *testing.T) {
	hello := writeFile(t, "hello.rwa", []byte(helloRwa))
	bomRwa := writeFile(t, "bom.rwa", append([]byte("\xef\xbb\xbf"), helloRwa...))
	bomPy := writeFile(t, "bom.py", []byte("\xef\xbb\xbfprint('bom')\n"))
	immortal := filepath.Join("testdata", "immortal.py")
	cycle := writeFile(t, "cycle.rwa", []byte("module\n    BUILD_LIST 0\n    STORE_NAME L\n    LOAD_NAME L\n    LOAD_METHOD append\n    LOAD_NAME L\n    CALL_METHOD 1\n    POP_TOP\n    RETURN_CONST None\nend\n"))
	legacy := "../../docs/examples/extensions/legacy_counter.rwa"
	dir := t.TempDir()
	savedHello := filepath.Join(dir, "hello.schedule")
	savedLegacy := filepath.Join(dir, "legacy.schedule")
	for _, args := range [][]string{
		{"run", "-schedule", "seed:1", "-save-schedule", savedHello, hello},
		{"run", "-policy", "free", "-schedule", "seed:1", "-save-schedule", savedLegacy, legacy},
	} {
		var out, errOut bytes.Buffer
		if code := run(args, &out, &errOut); code != 0 {
			t.Fatalf("%v: exit %d\n%s", args, code, &errOut)
		}
	}
	for _, tc := range []struct {
		name           string
		args           []string
		code           int
		stdout, stderr string // substrings; "" = must be empty
	}{
		{"recursion limit past the Go stack", []string{"run", "-recursion-limit", "300000", hello}, 2, "",
			"rwgil run: -recursion-limit 300000 is more than the Go stack can hold: at most 61035 (each level of Python recursion may take up to 16.0 KiB of Go stack"},
		{"strict under eml", []string{"run", "-strict", hello}, 2, "", "rwgil run: -strict goes with -policy free"},
		{"strict under gil", []string{"run", "-policy", "gil", "-strict", hello}, 2, "", "under gil unported modules are protected by the lock"},
		{"switch interval -1", []string{"run", "-switch-interval", "-1", hello}, 2, "",
			`invalid value "-1" for flag -switch-interval: want a positive duration with a unit, such as 5ms or 100us`},
		{"switch interval without a unit", []string{"run", "-switch-interval", "5", hello}, 2, "", "want a positive duration with a unit"},
		{"switch interval 0s", []string{"run", "-switch-interval", "0s", hello}, 2, "", "want a positive duration with a unit"},
		{"max memory 0", []string{"run", "-max-memory", "0", hello}, 2, "", "a budget of 0 bytes leaves no room"},
		{"max memory junk", []string{"run", "-max-memory", "lots", hello}, 2, "", `invalid size "lots"`},
		{"max memory off", []string{"run", "-max-memory", "off", hello}, 0, "hello\n", ""},
		{"max memory raises MemoryError", []string{"run", "-max-memory", "16MiB", "../../core/testdata/limits/append_forever.rwa"}, 1, "",
			"MemoryError: an allocation of "},
		{"watchdog negative", []string{"run", "-watchdog", "-1s", hello}, 2, "", `invalid value "-1s" for flag -watchdog: want a duration >= 0, such as 10s or 500ms, or 0 for none`},
		{"watchdog without a unit", []string{"run", "-watchdog", "5", hello}, 2, "", `invalid value "5" for flag -watchdog: want a duration with a unit, such as 10s or 500ms, or 0 for none`},
		{"watchdog 0", []string{"run", "-watchdog", "0", hello}, 0, "hello\n", ""},
		{"a flag after the file", []string{"run", hello, "-policy", "gil"}, 2, "", "rwgil run: flag -policy after the file " + hello + ": flags go before the file (rwgil run [flags] FILE.rwa|FILE.py|- [ARG...])"},
		{"arguments after the file", []string{"run", hello, "x", "y"}, 0, "hello\n", ""},
		{"a flag with a value after the file", []string{"run", hello, "-schedule=seed:1"}, 2, "", "rwgil run: flag -schedule=seed:1 after the file"},
		{"demo with too many threads", []string{"demo", "-threads", "100000"}, 2, "", "rwgil demo: -threads 100000 is too many: at most 1024"},
		{"bench -repeat past any use", []string{"bench", "cost", "-repeat", "99999999999"}, 2, "", "rwgil bench: -repeat 99999999999: want a positive number of rounds, at most 1000"},
		{"bench -markdown into a missing directory", []string{"bench", "cost", "-quick", "-markdown", filepath.Join(dir, "no", "x.md")}, 2, "", "rwgil bench: -markdown: open "},
		{"bench -plot into a missing directory", []string{"bench", "scaling", "-quick", "-plot", filepath.Join(dir, "no", "x.svg")}, 2, "", "rwgil bench: -plot: open "},
		{"bench -plots not a directory", []string{"bench", "cost", "-quick", "-markdown", filepath.Join(dir, "x.md"), "-plots", hello}, 2, "", "is not a directory"},
		{"schedule width 0", []string{"run", "-schedule", "seed:1", "-schedule-width", "0", hello}, 2, "", "-schedule-width must be 8 to 400, got 0"},
		{"schedule width huge", []string{"run", "-schedule", "seed:1", "-schedule-width", "1000000000", hello}, 2, "", "-schedule-width must be 8 to 400"},
		{"save schedule into a missing directory", []string{"run", "-schedule", "seed:1", "-save-schedule", filepath.Join(dir, "no", "such", "dir"), hello}, 2, "",
			"rwgil run: -save-schedule: open "},
		{"save schedule onto a directory", []string{"run", "-schedule", "seed:1", "-save-schedule", dir, hello}, 2, "", "is a directory"},
		{"random prints its seed", []string{"run", "-schedule", "random", hello}, 0, "hello\n", "rwgil run: -schedule random: seed "},
		{"show-schedule alone is random and prints its seed", []string{"run", "-show-schedule", hello}, 0, "hello\n", "rwgil run: -schedule random: seed "},
		{"replay fits", []string{"run", "-policy", "free", "-schedule", "replay:" + savedLegacy, legacy}, 0, "lost: ", ""},
		{"replay of another program", []string{"run", "-policy", "free", "-schedule", "replay:" + savedLegacy, hello}, 0, "hello\n",
			"rwgil run: warning: the schedule was saved for program " + legacy + ", not " + hello},
		{"replay leaves choices over", []string{"run", "-policy", "free", "-schedule", "replay:" + savedLegacy, hello}, 0, "hello\n",
			"of the schedule were left over: the run ended before it asked for them"},
		{"replay under another policy", []string{"run", "-policy", "eml", "-schedule", "replay:" + savedLegacy, legacy}, 0, "",
			"rwgil run: warning: the schedule was saved under -policy free, and this run is under eml"},
		{"replay runs out", []string{"run", "-policy", "free", "-schedule", "replay:" + savedHello, legacy}, 0, "",
			"rwgil run: warning: the schedule ran out: the run made "},
		{"leaks reported under a schedule with -stats", []string{"run", "-schedule", "seed:1", "-stats", cycle}, 0, "",
			"rwgil run: at exit: core: Close: objects still alive: 1 list (Config.TrackObjects names them)"},
		{"leaks named with -track-objects, scheduled", []string{"run", "-schedule", "seed:1", "-track-objects", cycle}, 0, "",
			"rwgil run: at exit: core: Close: objects still alive: list object at 0x1000\n"},
		{"leaks named with -track-objects, real", []string{"run", "-track-objects", cycle}, 0, "",
			"rwgil run: at exit: core: Close: objects still alive: list object at 0x"},
		{"no leak report without asking", []string{"run", cycle}, 0, "", ""},
		{"the first thread start makes functions immortal", []string{"run", immortal}, 0, "True\nTrue\n", ""},
		{"-no-immortalize keeps counting", []string{"run", "-no-immortalize", immortal}, 0, "True\nFalse\n", ""},
		{"gil's plain counting never makes them immortal", []string{"run", "-policy", "gil", immortal}, 0, "True\nFalse\n", ""},
		{"nor the atomic strategy", []string{"run", "-refcount", "atomic", immortal}, 0, "True\nFalse\n", ""},
		{"a UTF-8 BOM before .rwa", []string{"run", bomRwa}, 0, "hello\n", ""},
		{"a UTF-8 BOM before .py", []string{"run", bomPy}, 0, "bom\n", ""},
		{"dis of a BOM", []string{"dis", bomRwa}, 0, "LOAD_CONST \"hello\"", ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var stdout, stderr bytes.Buffer
			code := run(tc.args, &stdout, &stderr)
			if code != tc.code {
				t.Errorf("exit status %d, want %d\nstdout: %s\nstderr: %s", code, tc.code, &stdout, &stderr)
			}
			if !strings.Contains(stdout.String(), tc.stdout) {
				t.Errorf("stdout = %q, want it to contain %q", &stdout, tc.stdout)
			}
			if tc.stderr == "" && stderr.Len() > 0 || !strings.Contains(stderr.String(), tc.stderr) {
				t.Errorf("stderr = %q, want %q", &stderr, tc.stderr)
			}
			if tc.code == 2 {
				if strings.Count(strings.TrimSpace(stderr.String()), "\n") > 0 {
					t.Errorf("a usage mistake must be one line, got:\n%s", &stderr)
				}
				if stdout.Len() > 0 {
					t.Errorf("the program ran (stdout %q) despite the mistake", &stdout)
				}
			}
		})
	}
	if _, err := os.Stat(filepath.Join(dir, "no")); err == nil {
		t.Errorf("a failed -save-schedule check left something behind")
	}
}

// TestHashSeed: PYTHONHASHSEED fixes str and bytes hashes (and so the
// order of a set of strs) from run to run, as CPython's does; two seeds
// hash differently; a value CPython would refuse is a usage error.
func TestHashSeed(t *testing.T) {
	prog := filepath.Join("testdata", "hashes.py")
	runWith := func(seed string) (string, string, int) {
		t.Setenv("PYTHONHASHSEED", seed)
		var stdout, stderr bytes.Buffer
		code := run([]string{"run", prog}, &stdout, &stderr)
		return stdout.String(), stderr.String(), code
	}
	outputs := map[string]string{}
	for _, seed := range []string{"0", "0", "4294967295", "4294967295", "17"} {
		out, errOut, code := runWith(seed)
		if code != 0 {
			t.Fatalf("PYTHONHASHSEED=%s: exit %d\n%s", seed, code, errOut)
		}
		if prev, ok := outputs[seed]; ok && prev != out {
			t.Errorf("PYTHONHASHSEED=%s: two runs differ:\n%s\n%s", seed, prev, out)
		}
		outputs[seed] = out
	}
	if outputs["0"] == outputs["17"] || outputs["0"] == outputs["4294967295"] {
		t.Errorf("seeds 0, 17 and 4294967295 hash alike:\n%v", outputs)
	}
	for _, seed := range []string{"", "random"} {
		if _, errOut, code := runWith(seed); code != 0 {
			t.Errorf("PYTHONHASHSEED=%q: exit %d\n%s", seed, code, errOut)
		}
	}
	for _, seed := range []string{"x", "-1", "4294967296", "1.5"} {
		out, errOut, code := runWith(seed)
		want := `rwgil run: PYTHONHASHSEED must be "random" or an integer in range [0; 4294967295], got "` + seed + `"` + "\n"
		if code != 2 || errOut != want || out != "" {
			t.Errorf("PYTHONHASHSEED=%s: exit %d, stdout %q, stderr %q; want exit 2, no output, stderr %q", seed, code, out, errOut, want)
		}
	}
}

// TestCPUProfile: -cpuprofile writes a profile pprof can read (gzipped
// protocol buffers), and an unwritable path is a usage error.
func TestCPUProfile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "cpu.prof")
	var stdout, stderr bytes.Buffer
	if code := run([]string{"run", "-cpuprofile", path, filepath.Join("testdata", "hashes.py")}, &stdout, &stderr); code != 0 {
		t.Fatalf("exit %d\n%s", code, &stderr)
	}
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if len(data) < 2 || data[0] != 0x1f || data[1] != 0x8b {
		t.Errorf("the profile is not gzipped (pprof's format): %d bytes starting %q", len(data), data[:min(len(data), 8)])
	}
	stdout.Reset()
	stderr.Reset()
	missing := filepath.Join(t.TempDir(), "no", "cpu.prof")
	if code := run([]string{"run", "-cpuprofile", missing, filepath.Join("testdata", "hashes.py")}, &stdout, &stderr); code != 2 || !strings.HasPrefix(stderr.String(), "rwgil run: -cpuprofile: open ") || stdout.Len() > 0 {
		t.Errorf("unwritable -cpuprofile: exit %d, stdout %q, stderr %q; want exit 2 and rwgil run: -cpuprofile: open ...", code, &stdout, &stderr)
	}
}
