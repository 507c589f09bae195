package core

import (
	"bytes"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/rwgil/rwgil/eml"
	"github.com/rwgil/rwgil/refcount"
)

// Limits (issue 12, items 2, 3 and 5): sizes that would overflow int64 or
// exhaust memory raise OverflowError or MemoryError at once, and the
// runtime goes on.

// TestLimitsBeyondCPython: expressions where rwgil refuses what CPython
// answers with MemoryError or does not answer at all (8 ** 2**62 runs
// for ever in CPython 3.12); the cases CPython answers quickly are in
// testdata/semantics (the "limits" section of gen.py).
func TestLimitsBeyondCPython(t *testing.T) {
	cases := []struct{ expr, want, cpython string }{
		{`[0, 0] * 2**62`, `!OverflowError: repeated sequence is too long`, "MemoryError"},
		{`2**62 * [0, 0]`, `!OverflowError: repeated sequence is too long`, "MemoryError"},
		{`(0, 0) * 2**62`, `!OverflowError: repeated sequence is too long`, "MemoryError"},
		{`[0, 0, 0, 0] * 2**62`, `!OverflowError: repeated sequence is too long`, "MemoryError (4 * 2**62 wrapped to 0 in rwgil before)"},
		{`"abcd" * 2**62`, `!OverflowError: repeated string is too long`, "the same"},
		{`8 ** 2**62`, `!OverflowError: result of ** too large`, "runs for ever"},
		{`10 ** 2**62`, `!OverflowError: result of ** too large`, "runs for ever"},
		{`16 ** 2**61`, `!OverflowError: result of ** too large`, "runs for ever"},
		{`(2 ** 2**23) * (2 ** 2**23)`, `!OverflowError: result of * too large`, "computes it"},
		{`len(str((2 ** 2**22) * 3)) > 0`, `!ValueError: Exceeds the limit (4300 digits) for integer string conversion; use sys.set_int_max_str_digits() to increase the limit`, "the same"},
		{`1 << 2**62`, `!OverflowError: too many digits in integer`, "MemoryError"},
		{`len([1, 2] * 2**20)`, `2097152`, "the same"},
	}
	rt, err := NewRuntime(Config{TrackObjects: true})
	if err != nil {
		t.Fatal(err)
	}
	th := rt.NewThread("limits")
	mustOK(th.Attach())
	ev := &pyEvaluator{th: th}
	for _, c := range cases {
		done := make(chan struct{})
		var got string
		var evalErr error
		go func() {
			defer close(done)
			got, evalErr = ev.run(c.expr)
		}()
		select {
		case <-done:
		case <-time.After(60 * time.Second):
			t.Fatalf("%s: still running after 60s: it runs away", c.expr)
		}
		if evalErr != nil {
			t.Fatalf("%s: %v", c.expr, evalErr)
		}
		if got != c.want {
			t.Errorf("%s\n  want:  %s (CPython: %s)\n  rwgil: %s", c.expr, c.want, c.cpython, got)
		}
	}
	mustOK(th.Detach())
	mustOK(th.Close())
	if err := rt.Close(); err != nil {
		t.Errorf("Close: %v", err)
	}
}

// TestLimitPrograms runs the programs of testdata/limits under a 16 MiB
// memory budget and every policy: each ends with the exception named here,
// the same runtime then runs another program, and it closes with nothing
// leaked (what the failed program built was freed as its frame unwound).
func TestLimitPrograms(t *testing.T) {
	cases := []struct {
		file, want string
	}{
		{"str_inplace.rwa", "OverflowError: repeated string is too long"},
		{"list_inplace.rwa", "OverflowError: repeated sequence is too long"},
		{"seq_repeat.rwa", "OverflowError: repeated sequence is too long"},
		{"pow_huge.rwa", "OverflowError: result of ** too large"},
		{"mul_huge.rwa", "OverflowError: result of * too large"},
		{"list_range.rwa", "MemoryError: an allocation of 74.5 GiB would take the runtime past its memory budget of 16.0 MiB"},
		{"append_forever.rwa", "MemoryError: "},
		{"nest_forever.rwa", "MemoryError: "},
		{"dict_forever.rwa", "MemoryError: "},
		{"concat_forever.rwa", "MemoryError: "},
	}
	for _, p := range []eml.Policy{eml.PolicyEML, eml.PolicyGIL} {
		for _, c := range cases {
			t.Run(p.String()+"/"+c.file, func(t *testing.T) {
				var out bytes.Buffer
				rt, err := NewRuntime(Config{Policy: p, MaxMemory: 16 << 20, Stdout: &out})
				if err != nil {
					t.Fatal(err)
				}
				res, err := rt.Exec(execFileIn(t, "limits", c.file))
				if err != nil {
					t.Fatal(err)
				}
				lines := strings.Split(strings.TrimSpace(res.Exception), "\n")
				if last := lines[len(lines)-1]; !strings.HasPrefix(last, c.want) {
					t.Errorf("ended with %q; want %q...", last, c.want)
				}
				st := rt.Stats()
				if st.MemoryPeak > 2*st.MemoryLimit {
					t.Errorf("the budget was %s but the runtime reached %s", FormatBytes(st.MemoryLimit), FormatBytes(st.MemoryPeak))
				}
				t.Logf("%s; peak %s of %s", lines[len(lines)-1], FormatBytes(st.MemoryPeak), FormatBytes(st.MemoryLimit))
				res, err = rt.Exec(execFileIn(t, "misuse", "loop.rwa"))
				if err != nil || res.Failed() {
					t.Fatalf("the runtime after the failure: %v %+v", err, res)
				}
				if err := rt.Close(); err != nil {
					t.Errorf("Close: %v", err)
				}
			})
		}
	}
}

// TestMemoryAccounting: what the runtime's objects are charged goes back
// to where it started once they are freed, for every kind of object the
// budget counts, on one thread and across threads (an object freed by
// another thread than made it).
func TestMemoryAccounting(t *testing.T) {
	rt, th := testRuntime(t, Config{MaxMemory: 1 << 30})
	base := rt.Stats().Memory
	charged := func() int64 {
		var n int64
		rt.threadMu.Lock()
		for t := range rt.threads {
			n += t.memFree
		}
		rt.threadMu.Unlock()
		return rt.mem.used.Load() - n
	}
	before := charged()
	var objs []Object
	for i := 0; i < 2000; i++ {
		l := th.NewList(nil)
		for j := 0; j < i%50; j++ {
			mustOK(th.ListAppend(l, th.NewInt(int64(j)<<40)))
			th.Decref(l.items[len(l.items)-1])
		}
		d := th.NewDict()
		mustOK(th.DictSet(d, th.rt.Intern(fmt.Sprint("k", i%7)), l))
		three, n := th.NewInt(3), th.NewInt(int64(i))
		big := must(th.BinaryOp(OpPow, three, n))
		th.Decref(three)
		th.Decref(n)
		objs = append(objs, l, d, th.NewStr(strings.Repeat("x", i)), th.NewTuple([]Object{big}))
	}
	if charged() <= before {
		t.Fatalf("nothing was charged for %d objects", len(objs))
	}
	other := rt.NewThread("other")
	mustOK(other.Attach())
	for i, o := range objs {
		if i%2 == 0 {
			th.Decref(o)
		} else {
			other.Decref(o)
		}
	}
	mustOK(other.Detach())
	mustOK(other.Close())
	// Under biased counting the objects other freed are th's to free,
	// at its next safe point.
	mustOK(th.SafePoint())
	if after := charged(); after != before {
		t.Errorf("charged %d bytes before, %d after freeing everything (base %d)", before, after, base)
	}
}

// TestRecursionLimitBounded: a recursion limit the Go stack cannot hold
// is refused by NewRuntime, saying why; the largest one it can is taken.
func TestRecursionLimitBounded(t *testing.T) {
	max := MaxRecursionLimit()
	if max < 10*DefaultRecursionLimit {
		t.Fatalf("MaxRecursionLimit() = %d: the Go stack limit is set very low", max)
	}
	for _, limit := range []int{max + 1, 300000, 1e9} {
		_, err := NewRuntime(Config{RecursionLimit: limit})
		if err == nil || !strings.Contains(err.Error(), fmt.Sprintf("recursion limit %d is more than the Go stack can hold: at most %d", limit, max)) {
			t.Errorf("RecursionLimit %d: %v", limit, err)
		}
	}
	rt, err := NewRuntime(Config{RecursionLimit: max})
	if err != nil {
		t.Fatalf("RecursionLimit %d (the most): %v", max, err)
	}
	mustOK(rt.Close())
}

// TestLimitsMemoryError: a size that fits an int64 but not the memory
// budget is CPython's MemoryError, not OverflowError (which is for sizes
// past an int64); without a budget (MaxMemory < 0, or the immortal
// strategy, which frees nothing) one allocation larger than the machine's
// memory is still a MemoryError, never Go's fatal "out of memory". Each
// line gives what CPython 3.12 raises.
func TestLimitsMemoryError(t *testing.T) {
	cases := []struct{ expr, budget, none, cpython string }{
		{`[0] * 10**10`, "MemoryError: an allocation of 149.0 GiB would take the runtime past its memory budget of 64.0 MiB", "MemoryError: an allocation of 149.0 GiB is more than this machine's memory", "MemoryError"},
		{`"x" * 10**12`, "MemoryError: an allocation of 931.3 GiB would take", "MemoryError: an allocation of 931.3 GiB is more than", "MemoryError"},
		{`"a" * 2**62`, "MemoryError: an allocation of 4.0 EiB would take", "MemoryError: an allocation of 4.0 EiB is more than", "MemoryError"},
		{`(1, 2) * 10**10`, "MemoryError: an allocation of 298.0 GiB would take", "MemoryError: an allocation of 298.0 GiB is more than", "MemoryError"},
		{`[0] * 2**59`, "OverflowError: repeated sequence is too long", "OverflowError: repeated sequence is too long", "MemoryError"},
		{`list(range(10**10))`, "MemoryError: an allocation of 745.1 GiB would take", "MemoryError: an allocation of 745.1 GiB is more than", "MemoryError"},
		{`("\t" * 100).expandtabs(2**31 - 1)`, "MemoryError: an allocation of 200.0 GiB would take", "MemoryError: an allocation of 200.0 GiB is more than", "MemoryError"},
		{`"a\tb".expandtabs(10**12)`, "OverflowError: Python int too large to convert to C int", "OverflowError: Python int too large to convert to C int", "the same"},
		{`len("a" * 2**20)`, "1048576", "1048576", "the same"},
	}
	// The statement x *= n, not an expression: a program of testdata.
	inplace := []struct{ file, budget, none string }{
		{"list_inplace_1e10.rwa", "MemoryError: an allocation of 149.0 GiB would take", "MemoryError: an allocation of 149.0 GiB is more than"},
	}
	for _, cfg := range []struct {
		name string
		cfg  Config
	}{
		{"budget", Config{MaxMemory: 64 << 20}},
		{"no budget", Config{MaxMemory: -1}},
		{"immortal", Config{Refcount: refcount.Immortal}},
	} {
		t.Run(cfg.name, func(t *testing.T) {
			rt, th := testRuntime(t, cfg.cfg)
			ev := &pyEvaluator{th: th}
			for _, c := range cases {
				want := c.budget
				if cfg.name != "budget" {
					want = c.none
				}
				got, err := ev.run(c.expr)
				if err != nil {
					t.Fatalf("%s: %v", c.expr, err)
				}
				if !strings.HasPrefix(strings.TrimPrefix(got, "!"), want) {
					t.Errorf("%s\n  want:  %s... (CPython: %s)\n  rwgil: %s", c.expr, want, c.cpython, got)
				}
			}
			mustOK(th.Detach())
			for _, c := range inplace {
				want := c.budget
				if cfg.name != "budget" {
					want = c.none
				}
				res, err := rt.Exec(execFileIn(t, "limits", c.file))
				if err != nil {
					t.Fatal(err)
				}
				lines := strings.Split(strings.TrimSpace(res.Exception), "\n")
				if last := lines[len(lines)-1]; !strings.HasPrefix(last, want) {
					t.Errorf("%s ended with %q; want %q...", c.file, last, want)
				}
			}
			mustOK(th.Attach())
		})
	}
}
