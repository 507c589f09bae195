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

// G10 (isolation): programs that create interpreters, send values to them
// through queues, call and prepare_main, and mutate what they received.
// Under Config.CheckIsolation no thread of one interpreter counts a
// reference to an object of another; every value received equals the one
// sent (and has its type); the sender's values are unchanged; and every
// interpreter closes with no object left alive (Config.TrackObjects).

// g10Value draws the source of a shareable value: None, a bool, an int
// (small, large, huge), a float, a str, a bytes, or a tuple of these.
func g10Value(t *rapid.T, depth int) string {
	kinds := []string{"none", "bool", "int", "big", "float", "str", "bytes"}
	if depth < 3 {
		kinds = append(kinds, "tuple", "tuple")
	}
	switch rapid.SampledFrom(kinds).Draw(t, "kind") {
	case "none":
		return "None"
	case "bool":
		return rapid.SampledFrom([]string{"True", "False"}).Draw(t, "bool")
	case "int":
		return fmt.Sprint(rapid.Int64().Draw(t, "int"))
	case "big":
		return fmt.Sprintf("%d ** %d", rapid.IntRange(2, 9).Draw(t, "base"), rapid.IntRange(20, 90).Draw(t, "exp"))
	case "float":
		return fmt.Sprintf("%v", rapid.Float64Range(-1e6, 1e6).Draw(t, "float"))
	case "str":
		return fmt.Sprintf("%q", rapid.StringMatching(`[a-z é✓]{0,6}`).Draw(t, "str"))
	case "bytes":
		return fmt.Sprintf("b%q", rapid.StringMatching(`[a-z0-9]{0,5}`).Draw(t, "bytes"))
	}
	n := rapid.IntRange(0, 3).Draw(t, "len")
	items := make([]string, n)
	for i := range items {
		items[i] = g10Value(t, depth+1)
	}
	if n == 1 {
		return "(" + items[0] + ",)"
	}
	return "(" + strings.Join(items, ", ") + ")"
}

// g10Op is one step of a program: how value V goes to interpreter Kid.
type g10Op struct {
	How   string // call, queue, prepare, thread, relay
	Kid   int
	Value int
}

type g10Program struct {
	Values []string
	// Locks says, per child, "own:POLICY" or "share:K" (the lock of
	// child K < this one).
	Locks []string
	Ops   []g10Op
}

func g10Draw(t *rapid.T) g10Program {
	var p g10Program
	nv := rapid.IntRange(1, 5).Draw(t, "values")
	for range nv {
		p.Values = append(p.Values, g10Value(t, 0))
	}
	nk := rapid.IntRange(1, 3).Draw(t, "kids")
	for k := range nk {
		if k > 0 && rapid.Bool().Draw(t, "share") {
			p.Locks = append(p.Locks, fmt.Sprintf("share:%d", rapid.IntRange(0, k-1).Draw(t, "with")))
		} else {
			p.Locks = append(p.Locks, "own:"+rapid.SampledFrom([]string{"gil", "eml", "free"}).Draw(t, "policy"))
		}
	}
	no := rapid.IntRange(1, 8).Draw(t, "ops")
	for range no {
		p.Ops = append(p.Ops, g10Op{
			How:   rapid.SampledFrom([]string{"call", "queue", "prepare", "thread", "relay"}).Draw(t, "how"),
			Kid:   rapid.IntRange(0, nk-1).Draw(t, "kid"),
			Value: rapid.IntRange(0, nv-1).Draw(t, "value"),
		})
	}
	return p
}

// g10Prelude is what every program begins with: the receivers, which
// mutate what they get (a list made of it, grown; a dict keyed by it)
// and send it back.
const g10Prelude = `import concurrent.interpreters as I

RECEIVER = """
def mangle(v):
    l = [v, v]
    l.append(len(l))
    d = {0: v}
    d[1] = l
    l.clear()
    return v

def echo(v):
    return mangle(v)

def serve(q, back, n):
    for _ in range(n):
        back.put(mangle(q.get()))
"""

def echo(v):
    return mangle(v)

def serve(q, back, n):
    for _ in range(n):
        back.put(mangle(q.get()))

bad = []
def check(what, got, want):
    if type(got) is not type(want) or got != want:
        bad.append(what + ": got " + repr(got) + ", want " + repr(want))

`

// Source is the program's Python text.
func (p g10Program) Source() string {
	var b strings.Builder
	b.WriteString(g10Prelude)
	fmt.Fprintf(&b, "values = [%s]\n", strings.Join(p.Values, ", "))
	b.WriteString("before = [repr(v) for v in values]\nkids = []\n")
	for _, l := range p.Locks {
		kind, arg, _ := strings.Cut(l, ":")
		if kind == "share" {
			fmt.Fprintf(&b, "kids.append(I.create(share_lock_with=kids[%s]))\n", arg)
		} else {
			fmt.Fprintf(&b, "kids.append(I.create(policy=%q))\n", arg)
		}
	}
	b.WriteString("q = I.create_queue()\nback = I.create_queue()\nfor k in kids:\n    k.prepare_main(q=q, back=back)\n    k.exec(RECEIVER)\n")
	for i, op := range p.Ops {
		k, v := op.Kid, op.Value
		switch op.How {
		case "call":
			fmt.Fprintf(&b, "check('op %d call', kids[%d].call(echo, values[%d]), values[%d])\n", i, k, v, v)
		case "queue":
			fmt.Fprintf(&b, "q.put(values[%d])\nkids[%d].exec('back.put(mangle(q.get()))')\ncheck('op %d queue', back.get(), values[%d])\n", v, k, i, v)
		case "prepare":
			fmt.Fprintf(&b, "kids[%d].prepare_main(v=values[%d])\nkids[%d].exec('back.put(v)')\ncheck('op %d prepare', back.get(), values[%d])\n", k, v, k, i, v)
		case "thread":
			// The child serves two values on a thread of this interpreter
			// while this one puts them and waits for the answers.
			fmt.Fprintf(&b, "t = kids[%d].call_in_thread(serve, q, back, 2)\nq.put(values[%d])\nq.put(values[%d])\ncheck('op %d thread 1', back.get(), values[%d])\ncheck('op %d thread 2', back.get(), values[%d])\nt.join()\n", k, v, v, i, v, i, v)
		case "relay":
			// A child sends the value to the next through the queue.
			fmt.Fprintf(&b, "kids[%d].prepare_main(v=values[%d])\nkids[%d].exec('q.put(v)')\nkids[%d].exec('back.put(q.get())')\ncheck('op %d relay', back.get(), values[%d])\n", k, v, k, (k+1)%len(p.Locks), i, v)
		}
	}
	b.WriteString("check('sender', [repr(v) for v in values], before)\nfor k in kids:\n    k.close()\n")
	b.WriteString("print('G10', len(bad), 'bad:', bad)\n")
	return b.String()
}

// g10Check says what a run of p broke, or "".
func g10Check(stdout, exception string, closeErr error, violations []string) string {
	var why []string
	if exception != "" {
		why = append(why, "the program raised:\n"+exception)
	}
	if !strings.Contains(stdout, "G10 0 bad: []") {
		why = append(why, "received values differ from those sent, or the program did not finish: "+stdout)
	}
	if len(violations) > 0 {
		why = append(why, "isolation violations: "+strings.Join(violations, "; "))
	}
	if closeErr != nil {
		why = append(why, fmt.Sprintf("Close: %v", closeErr))
	}
	return strings.Join(why, "\n")
}

// g10Config is the checked configuration: isolation checked, objects
// tracked (so that a leak is named), the main interpreter under policy.
func g10Config(policy eml.Policy) core.Config {
	return core.Config{Policy: policy, CheckIsolation: true, TrackObjects: true}
}

// TestG10Isolation runs G10's programs in real mode (goroutines; under
// -race in the race build) and under the deterministic scheduler.
func TestG10Isolation(t *testing.T) {
	for _, policy := range []eml.Policy{eml.PolicyGIL, eml.PolicyEML, eml.PolicyFree} {
		t.Run(policy.String(), func(t *testing.T) {
			t.Run("real", func(t *testing.T) {
				rapid.Check(t, func(t *rapid.T) {
					p := g10Draw(t)
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
					p := g10Draw(t)
					src := p.Source()
					code, err := compile.Compile("g10.py", []byte(src))
					if err != nil {
						t.Fatalf("the generated program does not compile: %v\n%s", err, src)
					}
					var viol []string
					setup := func(rt *core.Runtime) error {
						viol = nil
						err := python.RegisterModules(rt)
						g10Runtime = rt
						return err
					}
					res, err := schedule.RunProgram(code, schedule.Rapid(t), schedule.Config{Runtime: g10Config(policy), Setup: setup, Options: schedule.Options{MaxSteps: 2_000_000}})
					if err != nil {
						t.Fatalf("RunProgram: %v", err)
					}
					if res.Aborted != nil {
						t.Fatalf("G10 (%v, deterministic): the run was given up: %v\nprogram:\n%s", policy, res.Aborted, src)
					}
					viol = g10Runtime.IsolationViolations()
					if why := g10Check(res.Stdout, res.Exception, res.CloseErr, viol); why != "" {
						t.Fatalf("G10 broken (%v, deterministic):\n%s\nprogram:\n%s", policy, why, src)
					}
				})
			})
		})
	}
}

// g10Runtime is the runtime of the deterministic run under way (rapid
// runs one case at a time).
var g10Runtime *core.Runtime

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
