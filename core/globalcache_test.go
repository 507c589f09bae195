package core

import (
	"strconv"
	"testing"
	"time"

	"github.com/rwgil/rwgil/core/bytecode"
	"github.com/rwgil/rwgil/eml"
)

// globalsSrc defines readv() and readw(), which return the globals v and
// w by LOAD_GLOBAL (w may be a global or a builtin).
const globalsSrc = `module
    LOAD_CONST @readv
    MAKE_FUNCTION 0
    STORE_NAME readv
    LOAD_CONST @readw
    MAKE_FUNCTION 0
    STORE_NAME readw
    RETURN_CONST None
end
func readv()
    LOAD_GLOBAL v
    RETURN_VALUE
end
func readw()
    LOAD_GLOBAL w
    RETURN_VALUE
end
`

// globalsModule runs globalsSrc as __main__ and returns its globals
// (borrowed from the module) and new references to readv and readw.
func globalsModule(t testing.TB, th *Thread) (g *Dict, readv, readw Object) {
	t.Helper()
	code, err := bytecode.Assemble("globals.rwa", []byte(globalsSrc))
	if err != nil {
		t.Fatal(err)
	}
	th.Decref(must(th.Run(code)))
	mod := must(th.mainModule())
	g = mod.dict
	th.Decref(mod)
	return g, th.dictGetStr(g, "readv"), th.dictGetStr(g, "readw")
}

// setStr binds d[name] to a fresh str v whose only reference d holds.
func setStr(th *Thread, d *Dict, name, v string) {
	s := th.NewStr(v)
	mustOK(th.DictSetStr(d, name, s))
	th.Decref(s)
}

// TestGlobalCacheRebindWhileReading rebinds a global from one thread
// while two others read it through LOAD_GLOBAL's cache: v in the globals,
// and w, which the writer alternately defines as a global and deletes, so
// that readers find the builtin of that name, which it rebinds too. Each
// new value is a fresh str whose only reference a dict holds, so a
// replaced value dies at once: a cache hit that took a reference to it
// after its death would be a use after free, which the tracked runtime
// reports at Close. Each reader must see the writes in order (never an
// older value after a newer one), and once the writer is done every
// thread must see its last values. The round repeats, for a time budget,
// until a reader saw a value change between two of its reads (evidence
// the threads overlapped); under the free-threaded policies a run that
// never overlaps fails.
func TestGlobalCacheRebindWhileReading(t *testing.T) {
	const writes = 300 // even: w ends as the builtin
	for _, p := range eml.Policies() {
		t.Run(p.String(), func(t *testing.T) {
			rt, th := testRuntime(t, Config{Policy: p})
			g, readv, readw := globalsModule(t, th)
			b := rt.builtins.dict
			defer func() {
				th.Decref(readv)
				th.Decref(readw)
				th.dictDelStr(b, "w")
			}()
			setStr(th, g, "v", "v0")
			setStr(th, b, "w", "b0")
			mustOK(th.Detach())
			defer func() { mustOK(th.Attach()) }()

			// read calls fn and returns the number after the value's
			// prefix (v, g or b).
			read := func(th *Thread, fn Object) int {
				r := must(th.Call(fn, nil, nil))
				defer th.Decref(r)
				s, ok := r.(*Str)
				if !ok || len(s.s) < 2 {
					panic("a global is " + reprOf(t, th, th.newRef(r)))
				}
				k, err := strconv.Atoi(s.s[1:])
				if err != nil {
					panic("a global is " + s.s)
				}
				return k
			}
			deadline := time.Now().Add(10 * time.Second)
			for round := 1; ; round++ {
				var changes [3]int
				runThreads(t, rt, 3, func(i int, th *Thread) {
					if i == 0 {
						for k := 1; k <= writes; k++ {
							n := strconv.Itoa(k)
							setStr(th, g, "v", "v"+n)
							// The global first, then the builtin. An
							// uncached LOAD_GLOBAL is two lookups, not
							// one atomic step: it may find no global w
							// and then a builtin rebound since. With the
							// global changed first, a reader that found
							// b(j) can only find g(i) later with i >= j,
							// since g(i) with i < j was deleted before
							// b(j) was bound; the other order lets a
							// slow reader see b(k) and then g(k-1).
							if k%2 == 1 {
								setStr(th, g, "w", "g"+n)
							} else {
								th.dictDelStr(g, "w")
							}
							setStr(th, b, "w", "b"+n)
							mustOK(th.SafePoint())
						}
						return
					}
					lastV, lastW := 0, 0
					for n := 0; lastV < writes || lastW < writes; n++ {
						fn, last := readv, &lastV
						if n%2 == 1 {
							fn, last = readw, &lastW
						}
						k := read(th, fn)
						if k < *last {
							panic("a global went back from " + strconv.Itoa(*last) + " to " + strconv.Itoa(k))
						}
						if k != *last && n > 1 {
							changes[i]++
						}
						*last = k
						mustOK(th.SafePoint())
					}
				})
				mustOK(th.Attach())
				for _, c := range []struct {
					fn   Object
					want string
				}{{readv, "'v" + strconv.Itoa(writes) + "'"}, {readw, "'b" + strconv.Itoa(writes) + "'"}} {
					if got := reprOf(t, th, must(th.Call(c.fn, nil, nil))); got != c.want {
						t.Fatalf("round %d: after the writes, a global is %s, want %s", round, got, c.want)
					}
				}
				setStr(th, g, "v", "v0")
				setStr(th, b, "w", "b0")
				mustOK(th.Detach())
				if overlapVerdict(t, p, round, deadline, changes) {
					return
				}
			}
		})
	}
}

// TestGlobalCacheSeesChanges checks, on one thread, that LOAD_GLOBAL
// serves what the two dict lookups find after each kind of change, and
// that a repeated load is served by the cache (its entry current).
func TestGlobalCacheSeesChanges(t *testing.T) {
	rt, th := testRuntime(t, Config{Policy: eml.PolicyEML})
	g, readv, readw := globalsModule(t, th)
	b := rt.builtins.dict
	defer func() {
		th.Decref(readv)
		th.Decref(readw)
		th.dictDelStr(b, "w")
	}()
	w := rt.Intern("w")
	get := func() string {
		var got string
		for range 3 {
			r, err := th.Call(readw, nil, nil)
			if err != nil {
				got = excName(th, err)
				continue
			}
			got = reprOf(t, th, r)
		}
		return got
	}
	setInt := func(d *Dict, n int64) {
		v := th.NewInt(n)
		mustOK(th.DictSetStr(d, "w", v))
		th.Decref(v)
	}
	steps := []struct {
		what   string
		change func()
		want   string
		cached bool
	}{
		{"absent", func() {}, "NameError", false},
		{"a builtin", func() { setStr(th, b, "w", "b1") }, "'b1'", true},
		{"the builtin rebound", func() { setStr(th, b, "w", "b2") }, "'b2'", true},
		{"shadowed by a global", func() { setStr(th, g, "w", "g1") }, "'g1'", true},
		{"the global rebound", func() { setStr(th, g, "w", "g2") }, "'g2'", true},
		{"the builtin rebound under the global", func() { setStr(th, b, "w", "b3") }, "'g2'", true},
		{"another global added", func() { setStr(th, g, "other", "o") }, "'g2'", true},
		{"the global deleted", func() { th.dictDelStr(g, "w") }, "'b3'", true},
		{"the builtin deleted", func() { th.dictDelStr(b, "w") }, "NameError", false},
		{"a small int (immortal)", func() { setInt(g, 7) }, "7", true},
		{"a big int (not cached)", func() { setInt(g, 1<<40) }, "1099511627776", false},
		{"the globals cleared", func() { g.clear(th); setStr(th, g, "w", "g3") }, "'g3'", true},
	}
	for _, s := range steps {
		s.change()
		if got := get(); got != s.want {
			t.Errorf("%s: w is %s, want %s", s.what, got, s.want)
		}
		e := rt.gcache.slot(g, w).Load()
		cached := e != nil && e.globals == g && e.name == w && e.current()
		if cached != s.cached {
			t.Errorf("%s: cached is %v, want %v", s.what, cached, s.cached)
		}
	}
}

// TestGlobalCacheBacksOff checks that a global rebound at every load
// stops refilling the cache at every miss, and that the cache fills again
// once the globals settle.
func TestGlobalCacheBacksOff(t *testing.T) {
	rt, th := testRuntime(t, Config{Policy: eml.PolicyEML})
	g, readv, readw := globalsModule(t, th)
	defer func() { th.Decref(readv); th.Decref(readw) }()
	v := rt.Intern("v")
	slot := rt.gcache.slot(g, v)
	fills := 0
	for k := range 1000 {
		setStr(th, g, "v", "v"+strconv.Itoa(k))
		before := slot.Load()
		th.Decref(must(th.Call(readv, nil, nil)))
		if slot.Load() != before {
			fills++
		}
	}
	if max := maxGlobalRefills + 1 + 1000/globalRefillEvery; fills > max {
		t.Errorf("1000 loads of a global rebound before each filled the cache %d times, want at most %d", fills, max)
	}
	for range globalRefillEvery + 1 {
		th.Decref(must(th.Call(readv, nil, nil)))
	}
	if e := slot.Load(); e == nil || e.name != v || !e.current() {
		t.Errorf("after %d loads of a settled global, the cache does not hold it", globalRefillEvery+1)
	}
}
