package stdlib_test

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/rwgil/rwgil/core"
	"github.com/rwgil/rwgil/eml"
	"github.com/rwgil/rwgil/python"
	"github.com/rwgil/rwgil/python/compile"
	"github.com/rwgil/rwgil/schedule"
)

// TestSchedulerSeesEveryWait runs, under the deterministic scheduler,
// programs that deadlock on each blocking primitive of threading and
// queue -- Lock, RLock, Condition, Event, Semaphore, Barrier, Thread.join,
// Queue.get, Queue.join -- and checks that the scheduler reports the
// deadlock: every one of those waits goes through the lock's scheduling
// interface, so the scheduler knows each thread is blocked -- and that
// the report says what each thread waits for.
func TestSchedulerSeesEveryWait(t *testing.T) {
	says := map[string][]string{
		"barrier":     {"waiting for barrier #", "(3 parties)"},
		"condition":   {"waiting for a notify of condition #"},
		"event":       {"waiting for event #", "to be set"},
		"lock":        {"waiting for lock #", "held by Thread-2 (two)", "held by Thread-1 (one)", "waiting for the end of Thread-1 (one)"},
		"queue_get":   {"waiting for an item on Queue #1", "waiting for the end of Thread-1 (get)"},
		"queue_join":  {"waiting for task_done() of every item of Queue #1"},
		"rlock_other": {"waiting for RLock #", "held by MainThread"},
		"semaphore":   {"waiting for semaphore #"},
	}
	paths, err := filepath.Glob(filepath.Join("testdata", "deadlock", "*.py"))
	if err != nil || len(paths) == 0 {
		t.Fatalf("no programs in testdata/deadlock: %v", err)
	}
	for _, path := range paths {
		name := strings.TrimSuffix(filepath.Base(path), ".py")
		t.Run(name, func(t *testing.T) {
			phrases, ok := says[name]
			if !ok {
				t.Fatalf("add %s to the table of what its report says", name)
			}
			src, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			code, err := compile.Compile(path, src)
			if err != nil {
				t.Fatal(err)
			}
			for seed := uint64(1); seed <= 5; seed++ {
				res, err := schedule.RunProgram(code, schedule.Random(seed), schedule.Config{
					Runtime: core.Config{Policy: eml.PolicyEML},
					Setup:   python.RegisterModules,
				})
				if err != nil {
					t.Fatalf("seed %d: %v", seed, err)
				}
				var d *schedule.Deadlock
				if !errors.As(res.Aborted, &d) {
					t.Fatalf("seed %d: want a deadlock report, got Aborted=%v, exception %q\nstdout:\n%s\nstderr:\n%s", seed, res.Aborted, res.Exception, res.Stdout, res.Stderr)
				}
				for _, p := range phrases {
					if !strings.Contains(d.Error(), p) {
						t.Errorf("seed %d: the report does not say %q:\n%s", seed, p, d.Error())
					}
				}
			}
		})
	}
}
