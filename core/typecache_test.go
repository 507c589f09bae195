package core

import (
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/rwgil/rwgil/eml"
)

// TestTypeCacheRebindWhileReading rebinds a class attribute (and the same
// name on a base, which the subclass shadows and unshadows) from one
// thread while two others read it through the type attribute cache, on
// the class and on an instance. Each new value is a fresh str whose only
// reference the class dict holds, so a replaced value dies at once: a
// cache hit that took a reference to it after its death would be a use
// after free, which the tracked runtime reports at Close. Each reader
// must see the writes in order (never an older value after a newer one),
// and once the writer is done every thread must see its last value. The
// round repeats, for a time budget, until a reader saw the value change
// between two of its reads (evidence the threads overlapped); under the
// free-threaded policies a run that never overlaps fails.
func TestTypeCacheRebindWhileReading(t *testing.T) {
	const writes = 300
	for _, p := range eml.Policies() {
		t.Run(p.String(), func(t *testing.T) {
			rt, th := testRuntime(t, Config{Policy: p})
			base := must(th.NewClass("Base", nil, nil, "m"))
			sub := must(th.NewClass("Sub", []*Type{base}, nil, "m"))
			inst := th.newInstance(sub)
			defer func() { th.Decref(inst); th.Decref(sub); th.Decref(base) }()
			set := func(th *Thread, c *Type, v string) {
				s := th.NewStr(v)
				mustOK(th.SetAttr(c, "v", s))
				th.Decref(s)
			}
			set(th, sub, "v0")
			mustOK(th.Detach())
			defer func() { mustOK(th.Attach()) }()

			deadline := time.Now().Add(10 * time.Second)
			for round := 1; ; round++ {
				var changes [3]int
				runThreads(t, rt, 3, func(i int, th *Thread) {
					if i == 0 {
						for k := 1; k <= writes; k++ {
							// Shadow and unshadow a base attribute of the
							// same name: Sub's entries must go with Base's.
							set(th, base, "b"+strconv.Itoa(k))
							set(th, sub, "v"+strconv.Itoa(k))
							th.SafePoint()
						}
						return
					}
					last := 0
					for n := 0; last < writes; n++ {
						var o Object = sub
						if n%2 == 1 {
							o = inst
						}
						v := must(th.GetAttr(o, "v"))
						s, ok := v.(*Str)
						if !ok || !strings.HasPrefix(s.s, "v") {
							panic("Sub.v is " + reprOf(t, th, v))
						}
						k, err := strconv.Atoi(s.s[1:])
						if err != nil || k < last {
							panic("Sub.v went back from v" + strconv.Itoa(last) + " to " + s.s)
						}
						if k != last && n > 0 {
							changes[i]++
						}
						last = k
						th.Decref(v)
						th.SafePoint()
					}
				})
				mustOK(th.Attach())
				for _, o := range []Object{sub, inst} {
					if got := reprOf(t, th, must(th.GetAttr(o, "v"))); got != "'v"+strconv.Itoa(writes)+"'" {
						t.Fatalf("round %d: after the writes, %s.v is %s, want 'v%d'", round, reprOf(t, th, th.newRef(o)), got, writes)
					}
				}
				mustOK(th.DelAttr(sub, "v"))
				if got := reprOf(t, th, must(th.GetAttr(inst, "v"))); got != "'b"+strconv.Itoa(writes)+"'" {
					t.Fatalf("round %d: with Sub.v deleted, inst.v is %s, want Base's 'b%d'", round, got, writes)
				}
				set(th, sub, "v0")
				mustOK(th.Detach())
				if overlapVerdict(t, p, round, deadline, changes) {
					return
				}
			}
		})
	}
}

// TestTypeCacheSeesClassChange checks, on one thread, that the cache
// serves what a walk of the mro finds after each kind of change: a class
// attribute rebound or deleted, a base's attribute shadowed and
// unshadowed, a __getattr__ added to a base after a miss was cached, and
// a subclass created after its base was cached.
func TestTypeCacheSeesClassChange(t *testing.T) {
	rt, th := testRuntime(t, Config{Policy: eml.PolicyEML})
	_ = rt
	a := must(th.NewClass("A", nil, nil, "m"))
	b := must(th.NewClass("B", []*Type{a}, nil, "m"))
	defer func() { th.Decref(b); th.Decref(a) }()
	get := func(c *Type, name string) string {
		// Twice: the first read may fill the cache, the second is served
		// from it.
		for range 2 {
			v := c.lookup(th, name)
			if v == nil {
				continue
			}
			th.Decref(v)
		}
		v := c.lookup(th, name)
		if v == nil {
			return "missing"
		}
		return reprOf(t, th, v)
	}
	setInt := func(c *Type, name string, n int64) {
		v := th.NewInt(n)
		mustOK(th.SetAttr(c, name, v))
		th.Decref(v)
	}
	steps := []struct {
		what   string
		change func()
		c      *Type
		name   string
		want   string
	}{
		{"absent", func() {}, b, "x", "missing"},
		{"set on the base", func() { setInt(a, "x", 1) }, b, "x", "1"},
		{"rebound on the base", func() { setInt(a, "x", 1000) }, b, "x", "1000"},
		{"shadowed", func() { setInt(b, "x", 2000) }, b, "x", "2000"},
		{"base unchanged", func() {}, a, "x", "1000"},
		{"unshadowed", func() { mustOK(th.DelAttr(b, "x")) }, b, "x", "1000"},
		{"deleted on the base", func() { mustOK(th.DelAttr(a, "x")) }, b, "x", "missing"},
		{"a big int (not freelisted)", func() { setInt(a, "x", 1<<62) }, b, "x", "4611686018427387904"},
	}
	for _, s := range steps {
		s.change()
		if got := get(s.c, s.name); got != s.want {
			t.Errorf("%s: %s.%s is %s, want %s", s.what, s.c.name, s.name, got, s.want)
		}
	}
	c := must(th.NewClass("C", []*Type{b}, nil, "m"))
	defer th.Decref(c)
	if got := get(c, "x"); got != "4611686018427387904" {
		t.Errorf("a new subclass: C.x is %s, want 4611686018427387904", got)
	}
	setInt(a, "x", 7)
	if got := get(c, "x"); got != "7" {
		t.Errorf("rebound on a base of a base: C.x is %s, want 7", got)
	}
}

// overlapVerdict ends a round of a rebind-while-reading test, whose two
// readers counted in changes[1] and changes[2] the values they saw change
// between two of their reads. It reports whether the test is done: a
// reader saw a change (the threads overlapped), or the policy is gil
// (threads take turns, so none is owed), or the time budget is spent,
// which under any other policy fails the test for lack of evidence.
func overlapVerdict(t *testing.T, p eml.Policy, round int, deadline time.Time, changes [3]int) bool {
	t.Helper()
	switch {
	case changes[1]+changes[2] > 0:
		t.Logf("round %d: readers saw %d and %d changes", round, changes[1], changes[2])
	case p == eml.PolicyGIL:
		t.Logf("round %d: no overlap under gil (threads take turns)", round)
	case time.Now().After(deadline):
		t.Fatalf("after %d rounds no reader saw a write land between two reads: no evidence the threads overlapped", round)
	default:
		return false
	}
	return true
}
