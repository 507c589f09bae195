package tests

import (
	"bytes"
	"fmt"
	"strings"
	"testing"

	"pgregory.net/rapid"

	"github.com/rwgil/rwgil/core"
	"github.com/rwgil/rwgil/eml"
	"github.com/rwgil/rwgil/python"
	"github.com/rwgil/rwgil/python/compile"
	"github.com/rwgil/rwgil/schedule"
)

// TestG10Isolation runs G10's programs in real mode (goroutines; under
// -race in the race build) and under the deterministic scheduler.
func TestG10Isolation(t *testing.T) {
	for _, policy := range []eml.Policy{eml.PolicyGIL, eml.PolicyEML, eml.PolicyFree} {
		t.Run(policy.String(), func(t *testing.T) {
			t.Run("real", func(t *testing.T) {
				rapid.Check(t, func(t *rapid.T) {
					p := g10Draw(t, policy)
					src := p.Source()
					var out, errb bytes.Buffer
					cfg := g10Config(policy)
					cfg.Stdout, cfg.Stderr = &out, &errb
					rt, err := core.NewRuntime(cfg)
					if err != nil {
						t.Fatal(err)
					}
					if err := python.RegisterModules(rt); err != nil {
						t.Fatal(err)
					}
					code, err := compile.Compile("g10.py", []byte(src))
					if err != nil {
						t.Fatalf("the generated program does not compile: %v\n%s", err, src)
					}
					res, err := rt.Exec(code)
					if err != nil {
						t.Fatalf("Exec: %v", err)
					}
					viol := rt.IsolationViolations()
					if why := g10Check(out.String(), res.Exception, rt.Close(), viol); why != "" {
						t.Fatalf("G10 broken (%v, real):\n%s\nprogram:\n%s", policy, why, src)
					}
				})
			})
			t.Run("deterministic", func(t *testing.T) {
				rapid.Check(t, func(t *rapid.T) {
					p := g10Draw(t, policy)
					if why, _ := g10Run(t, policy, p); why != "" {
						t.Fatalf("G10 broken (%v, deterministic):\n%s\nprogram:\n%s", policy, why, p.Source())
					}
				})
			})
		})
	}
}

// TestG10Row runs the catalogue's G10 row with a few cases under every
// policy (fewer still under -short): it holds, some run of each cell
// switched threads, and values crossed by every way the programs have
// (over the cells: the seed is fixed, so this is the same every run).
func TestG10Row(t *testing.T) {
	cells := Catalogue(CatalogueOptions{Checks: 50, Search: 50, Seed: 1, ShrinkTime: 1, Guarantees: []Guarantee{G10Row}}, nil)
	if len(cells) != len(eml.Policies()) {
		t.Fatalf("%d cells, want G10 under every policy (%d)", len(cells), len(eml.Policies()))
	}
	var details []string
	for _, c := range cells {
		t.Logf("G10 under %v: %s (%d runs, %d switched): %s", c.Policy, c.Found, c.Runs, c.Switched, c.Detail)
		if c.Found != Holds {
			t.Errorf("G10 under %v: found %v, want holds\n%s", c.Policy, c.Found, c.Counterexample)
		}
		if c.Switched == 0 {
			t.Errorf("G10 under %v: no run switched threads", c.Policy)
		}
		details = append(details, c.Detail)
	}
	for _, way := range []string{"by call ", "queue ", "prepare_main ", "call_in_thread ", "between children "} {
		crossed := false
		for _, d := range details {
			crossed = crossed || strings.Contains(d, way) && !strings.Contains(d, way+"0")
		}
		if !crossed {
			t.Errorf("in no cell did a value cross %s: %s", strings.TrimSpace(way), strings.Join(details, " | "))
		}
	}
}

// TestG5InterpreterQueues: G5 with queues between interpreters, under the
// deterministic scheduler. A ping-pong between the main interpreter and a
// child on a thread of its own ends under every schedule drawn; a program
// in which each side waits for the other's queue first is found
// deadlocked, the report naming the queues.
func TestG5InterpreterQueues(t *testing.T) {
	const pingPong = `import concurrent.interpreters as I
child = I.create(policy=%q)
ping, pong = I.create_queue(), I.create_queue()
def bounce(ping, pong, n):
    for _ in range(n):
        pong.put(ping.get() + 1)
t = child.call_in_thread(bounce, ping, pong, 5)
v = 0
for _ in range(5):
    ping.put(v)
    v = pong.get()
t.join()
child.close()
print("ended", v)
`
	const crosswise = `import concurrent.interpreters as I
child = I.create()
a, b = I.create_queue(), I.create_queue()
def first_b_then_a(a, b):
    b.get()
    a.put(1)
t = child.call_in_thread(first_b_then_a, a, b)
a.get()
b.put(1)
t.join()
`
	for _, policy := range []eml.Policy{eml.PolicyGIL, eml.PolicyEML, eml.PolicyFree} {
		t.Run(policy.String(), func(t *testing.T) {
			code, err := compile.Compile("pingpong.py", []byte(fmt.Sprintf(pingPong, policy.String())))
			if err != nil {
				t.Fatal(err)
			}
			rapid.Check(t, func(t *rapid.T) {
				res, err := schedule.RunProgram(code, schedule.Rapid(t), schedule.Config{Runtime: g10Config(policy), Setup: python.RegisterModules, Options: schedule.Options{MaxSteps: 2_000_000}})
				if err != nil {
					t.Fatal(err)
				}
				if res.Aborted != nil || res.Exception != "" || res.Stdout != "ended 5\n" || res.CloseErr != nil {
					t.Fatalf("ping-pong: aborted %v, exception %q, stdout %q, Close %v; want it to end, printing ended 5", res.Aborted, res.Exception, res.Stdout, res.CloseErr)
				}
			})
		})
	}
	t.Run("crosswise deadlock found", func(t *testing.T) {
		code, err := compile.Compile("crosswise.py", []byte(crosswise))
		if err != nil {
			t.Fatal(err)
		}
		res, err := schedule.RunProgram(code, schedule.Random(1), schedule.Config{Runtime: core.Config{Policy: eml.PolicyEML}, Setup: python.RegisterModules})
		if err != nil {
			t.Fatal(err)
		}
		if res.Aborted == nil {
			t.Fatalf("the crosswise waits ended (stdout %q); want the scheduler to find them deadlocked", res.Stdout)
		}
		msg := res.Aborted.Error()
		if !strings.Contains(msg, "deadlock") || !strings.Contains(msg, "interpreter queue 1 (not empty)") || !strings.Contains(msg, "interpreter queue 2 (not empty)") {
			t.Fatalf("report: %s\nwant a deadlock naming both queues' waits", msg)
		}
	})
}
