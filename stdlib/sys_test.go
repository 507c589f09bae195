package stdlib_test

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/rwgil/rwgil/core"
	"github.com/rwgil/rwgil/eml"
	"github.com/rwgil/rwgil/python"
)

// execIn runs src as __main__ in a new runtime with the standard library
// and the bundled modules, and returns the runtime (open: the caller
// reads it, then closes it) with the program's stdout and stderr.
func execIn(t *testing.T, cfg core.Config, src string) (rt *core.Runtime, stdout, stderr string) {
	t.Helper()
	var out, errOut bytes.Buffer
	cfg.Stdout, cfg.Stderr = &out, &errOut
	rt, err := core.NewRuntime(cfg)
	if err != nil {
		t.Fatal(err)
	}
	if err := python.RegisterModules(rt); err != nil {
		t.Fatal(err)
	}
	res, err := python.Exec(rt, "prog.py", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	if res.Exception != "" {
		t.Fatalf("the program raised:\n%s", res.Exception)
	}
	return rt, out.String(), errOut.String()
}

// TestSysIsGILEnabled: sys._is_gil_enabled() is true under gil, false
// under eml and free, and under sticky false until an unported module's
// import switches the GIL on, then true.
func TestSysIsGILEnabled(t *testing.T) {
	src := "import sys\nprint(sys._is_gil_enabled())\nimport legacy_counter\nprint(sys._is_gil_enabled())\n"
	for _, tc := range []struct {
		policy eml.Policy
		want   string
	}{
		{eml.PolicyGIL, "True\nTrue\n"},
		{eml.PolicyEML, "False\nFalse\n"},
		{eml.PolicyFree, "False\nFalse\n"},
		{eml.PolicySticky, "False\nTrue\n"},
	} {
		rt, out, _ := execIn(t, core.Config{Policy: tc.policy}, src)
		if out != tc.want {
			t.Errorf("%v: got %q, want %q", tc.policy, out, tc.want)
		}
		_ = rt.Close()
	}
}

// TestSysArgv: sys.argv is Config.Argv; python.Run makes it [filename]
// when the Config has none.
func TestSysArgv(t *testing.T) {
	src := "import sys\nprint(sys.argv)\n"
	rt, out, _ := execIn(t, core.Config{Argv: []string{"prog.py", "a", "-b"}}, src)
	_ = rt.Close()
	if want := "['prog.py', 'a', '-b']\n"; out != want {
		t.Errorf("got %q, want %q", out, want)
	}
	rt, out, _ = execIn(t, core.Config{}, src)
	_ = rt.Close()
	if want := "['']\n"; out != want {
		t.Errorf("with no Argv: got %q, want %q", out, want)
	}
	path := filepath.Join(t.TempDir(), "argv.py")
	if err := os.WriteFile(path, []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	got, errOut, status := runPy(t, path, eml.PolicyEML)
	if want := "['" + path + "']\n"; got != want || status != 0 {
		t.Errorf("python.Run: got %q (exit %d), want %q\n%s", got, status, want, errOut)
	}
}

// TestSysSettingsReachTheRuntime: sys.setswitchinterval sets the running
// lock's switch interval, sys.setrecursionlimit the runtime's recursion
// limit, sys.set_int_max_str_digits its digit limit.
func TestSysSettingsReachTheRuntime(t *testing.T) {
	rt, _, _ := execIn(t, core.Config{Policy: eml.PolicyGIL},
		"import sys\nsys.setswitchinterval(0.0003)\nsys.setrecursionlimit(1234)\nsys.set_int_max_str_digits(5000)\n")
	defer rt.Close()
	if got := rt.Lock().SwitchInterval(); got != 300*time.Microsecond {
		t.Errorf("switch interval %v, want 300µs", got)
	}
	if got := rt.RecursionLimit(); got != 1234 {
		t.Errorf("recursion limit %d, want 1234", got)
	}
	if got := rt.IntMaxStrDigits(); got != 5000 {
		t.Errorf("int max str digits %d, want 5000", got)
	}
}

// TestSysSettingsFromManyThreads: four threads set the switch interval,
// the recursion limit and the digit limit while they recurse and convert
// ints, under every policy (go test -race checks the settings are
// race-free).
func TestSysSettingsFromManyThreads(t *testing.T) {
	for _, p := range []eml.Policy{eml.PolicyFree, eml.PolicyGIL, eml.PolicyEML} {
		out, errOut, status := runPy(t, filepath.Join("testdata", "sys_settings_race.py"), p)
		if status != 0 || out != "[] True True\n" {
			t.Errorf("%v: exit %d, got %q, want \"[] True True\\n\"\nstderr:\n%s", p, status, out, errOut)
		}
	}
}

// TestSysStreams: sys.stdout.write and print(file=sys.stderr) go to the
// runtime's writers, interleaved in order with print's output.
func TestSysStreams(t *testing.T) {
	rt, out, errOut := execIn(t, core.Config{},
		"import sys\nprint('a')\nsys.stdout.write('b\\n')\nprint('c', file=sys.stderr)\nsys.stderr.write('d\\n')\nprint('e')\n")
	_ = rt.Close()
	if out != "a\nb\ne\n" || errOut != "c\nd\n" {
		t.Errorf("stdout %q, stderr %q; want \"a\\nb\\ne\\n\" and \"c\\nd\\n\"", out, errOut)
	}
	if strings.Contains(errOut, "rwgil") {
		t.Errorf("stderr: %s", errOut)
	}
}
