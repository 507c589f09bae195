package stdlib_test

import (
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/rwgil/rwgil/core"
	"github.com/rwgil/rwgil/eml"
	"github.com/rwgil/rwgil/python"
	"github.com/rwgil/rwgil/python/compile"
	"github.com/rwgil/rwgil/schedule"
)

// runScheduled runs the program at path under the deterministic
// scheduler with the given seed and returns its result.
func runScheduled(t *testing.T, path string, seed uint64) *schedule.Result {
	t.Helper()
	src, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	code, err := compile.Compile(path, src)
	if err != nil {
		t.Fatal(err)
	}
	res, err := schedule.RunProgram(code, schedule.Random(seed), schedule.Config{
		Runtime: core.Config{Policy: eml.PolicyEML},
		Setup:   python.RegisterModules,
	})
	if err != nil {
		t.Fatal(err)
	}
	if res.Aborted != nil {
		t.Fatalf("seed %d: given up: %v\n%s", seed, res.Aborted, res.Stdout)
	}
	return res
}

// TestTimeVirtualClock: under a schedule, time.sleep(1000) moves
// perf_counter, monotonic and time by 1000 s of virtual time (and a
// little more: each step counts), time.time() starts at the virtual
// epoch, and sleeping threads wake in the order of their deadlines
// whatever the seed.
func TestTimeVirtualClock(t *testing.T) {
	want := "perf True\nmono True\nwall True\nwoke in order of their sleeps [10, 20, 30]\ntime is the virtual epoch True\n"
	for seed := uint64(1); seed <= 20; seed++ {
		res := runScheduled(t, filepath.Join("testdata", "time_virtual.py"), seed)
		if res.Stdout != want {
			t.Fatalf("seed %d: got\n%s\nwant\n%s\nstderr:\n%s", seed, res.Stdout, want, res.Stderr)
		}
	}
}

// TestTimeRealSleep: with real goroutines, sleep waits at least as long
// as asked under every policy, and the clocks agree with Go's.
func TestTimeRealSleep(t *testing.T) {
	dir := t.TempDir()
	prog := filepath.Join(dir, "sleep.py")
	src := "import time\nt0 = time.perf_counter()\ntime.sleep(0.03)\nprint(time.perf_counter() - t0 >= 0.03)\nprint(abs(time.time() - float(" +
		"WALL)) < 60)\n"
	src = strings.Replace(src, "WALL", strconv.FormatInt(time.Now().Unix(), 10), 1)
	if err := os.WriteFile(prog, []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, p := range []eml.Policy{eml.PolicyGIL, eml.PolicyEML, eml.PolicyFree} {
		out, errOut, status := runPy(t, prog, p)
		if status != 0 || out != "True\nTrue\n" {
			t.Errorf("%v: exit %d, stdout %q, want True twice\nstderr:\n%s", p, status, out, errOut)
		}
	}
}
