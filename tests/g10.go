package tests

import (
	_ "embed"
	"fmt"
	"strings"

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

// g10Program is one of G10's programs: values, children and the crossings
// of values to children.
type g10Program struct {
	Values []string
	// Locks says, per child, "own:POLICY" or "share:K" (the lock of
	// child K < this one).
	Locks []string
	Ops   []g10Op
}

// g10Draw draws a program whose main interpreter runs under policy: one
// to five values, one to three children (each with a lock of its own
// under gil, eml, free or policy, or sharing an earlier child's), and
// one to eight crossings.
func g10Draw(t *rapid.T, policy eml.Policy) g10Program {
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
			p.Locks = append(p.Locks, "own:"+rapid.SampledFrom(g10ChildPolicies(policy)).Draw(t, "policy"))
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
//
//go:embed testdata/g10_prelude.py
var g10Prelude string

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

// g10ChildPolicies are the policies a child's own lock is drawn from
// when the main interpreter runs under policy: gil, eml and free, and
// policy itself (so that the adaptive and sticky columns have children of
// their kind too).
func g10ChildPolicies(policy eml.Policy) []string {
	out := []string{"gil", "eml", "free"}
	for _, s := range out {
		if s == policy.String() {
			return out
		}
	}
	return append(out, policy.String())
}

// G10Row is G10 as a catalogue row: interpreters are isolated. A case is
// a program of g10Draw run under a rapid-drawn schedule with
// Config.CheckIsolation and Config.TrackObjects; it must end with every
// received value equal to the one sent, the sender's values unchanged,
// no isolation violation and no object left alive at any Close.
var G10Row = Guarantee{
	ID:     "G10",
	Title:  "interpreters are isolated: values cross by copy, no thread of one interpreter counts a reference to another's object, nothing leaks at close",
	Expect: every(Holds),
}

// g10Run is one deterministic run of p with the main interpreter under
// policy, choices drawn by r: what it broke ("" if nothing) and the
// scheduler's result (nil if the run did not start).
func g10Run(r *rapid.T, policy eml.Policy, p g10Program) (string, *schedule.Result) {
	src := p.Source()
	code, err := compile.Compile("g10.py", []byte(src))
	if err != nil {
		return fmt.Sprintf("the generated program does not compile: %v", err), nil
	}
	var rt *core.Runtime
	setup := func(r *core.Runtime) error {
		rt = r
		return python.RegisterModules(r)
	}
	res, err := schedule.RunProgram(code, schedule.Rapid(r), schedule.Config{Runtime: g10Config(policy), Setup: setup, Options: schedule.Options{MaxSteps: 2_000_000}})
	if err != nil {
		return fmt.Sprintf("RunProgram: %v", err), nil
	}
	if res.Aborted != nil {
		return fmt.Sprintf("the run was given up: %v", res.Aborted), res
	}
	return g10Check(res.Stdout, res.Exception, res.CloseErr, rt.IsolationViolations()), res
}

// runG10Cell checks G10 with the main interpreter under c.Policy: checks
// programs, each under a rapid-drawn schedule. Runs counts the runs,
// Switched those that preempted a thread; Detail counts the values that
// crossed, by the way they crossed, and the children by their lock.
func runG10Cell(c *Cell, checks int) {
	tb := &recorder{name: "G10/" + c.Policy.String()}
	restore := setRapidFlags(map[string]string{"rapid.checks": fmt.Sprint(checks)})
	defer restore()
	crossed := map[string]int{}
	var own, shared, steps int
	var last string
	rapid.Check(tb, func(r *rapid.T) {
		p := g10Draw(r, c.Policy)
		why, res := g10Run(r, c.Policy, p)
		c.Runs++
		if res != nil {
			if res.Preemptions > 0 {
				c.Switched++
			}
			steps += int(res.Steps)
		}
		if why != "" {
			last = fmt.Sprintf("%s\nprogram:\n%s", why, p.Source())
			if res != nil {
				last += "schedule: " + schedule.FormatChoices(res.Choices) + "\n"
			}
			r.Fatalf("%s", last)
		}
		for _, op := range p.Ops {
			crossed[op.How]++
		}
		for _, l := range p.Locks {
			if strings.HasPrefix(l, "share:") {
				shared++
			} else {
				own++
			}
		}
	})
	c.Found = Holds
	if tb.failed {
		c.Found = Broken
		c.Counterexample = last
		if last == "" {
			c.Counterexample = strings.Join(tb.report, "\n") + "\n"
		}
	}
	c.Detail = fmt.Sprintf("values crossed by call %d, queue %d, prepare_main %d, a thread of call_in_thread %d, a relay between children %d; children with a lock of their own %d, sharing one %d; %d scheduling points; no isolation violation, no leak",
		crossed["call"], crossed["queue"], crossed["prepare"], crossed["thread"], crossed["relay"], own, shared, steps)
	if c.Found == Broken {
		c.Detail = "broken: see the counterexample"
	}
}
