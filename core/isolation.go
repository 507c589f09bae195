package core

import (
	"errors"
	"fmt"
	"strings"

	"github.com/rwgil/rwgil/refcount"
)

// The isolation checker (Config.CheckIsolation): every store of a
// reference to an object is an incref (or takes over a reference that an
// incref made), and every drop a decref, by a thread's refcount owner. So
// a strategy that checks, at every Incref, TryIncref and Decref, that the
// thread and the object belong to the same interpreter sees every
// reference of one interpreter's object held by another's thread, at its
// first count. The checker wraps the runtime's strategy; without
// CheckIsolation nothing checks and nothing is paid.

// ErrIsolation is wrapped by the error Close returns when the isolation
// checker found a thread of one interpreter counting a reference to an
// object of another.
var ErrIsolation = errors.New("isolation violated")

// isolationChecker is a Strategy that checks each count's interpreters.
type isolationChecker struct{ refcount.Strategy }

func (c isolationChecker) Incref(o refcount.Object, by *refcount.Owner) {
	check(o, by, "took a reference to")
	c.Strategy.Incref(o, by)
}

func (c isolationChecker) TryIncref(o refcount.Object, by *refcount.Owner) bool {
	check(o, by, "took a reference to")
	return c.Strategy.TryIncref(o, by)
}

func (c isolationChecker) Decref(o refcount.Object, by *refcount.Owner) {
	check(o, by, "dropped a reference to")
	c.Strategy.Decref(o, by)
}

// check records a violation if o and by's thread are of different
// interpreters.
func check(o refcount.Object, by *refcount.Owner, what string) {
	obj, ok := o.(Object)
	if !ok || by == nil {
		return
	}
	th, ok := by.Context.(*Thread)
	if !ok {
		return
	}
	t := obj.Type()
	if t == nil || t.rt == th.rt {
		return
	}
	th.rt.recordViolation(t.rt, fmt.Sprintf("thread %q of interpreter %d %s %s object of interpreter %d",
		th.name, th.rt.interp.id, what, article(t.name), t.rt.interp.id))
}

func article(name string) string {
	if name != "" && strings.ContainsRune("aeiouAEIOU", rune(name[0])) {
		return "an " + name
	}
	return "a " + name
}

// maxViolations bounds the distinct violations kept (all are counted).
const maxViolations = 20

func (rt *Runtime) recordViolation(other *Runtime, msg string) {
	g := rt.interp.group
	g.violCount.Add(1)
	v := fmt.Sprintf("%d\x00%d\x00%s", rt.interp.id, other.interp.id, msg)
	g.violMu.Lock()
	defer g.violMu.Unlock()
	if len(g.violations) >= maxViolations {
		return
	}
	for _, seen := range g.violations {
		if seen == v {
			return // counted, not repeated
		}
	}
	g.violations = append(g.violations, v)
}

// IsolationViolations returns what the isolation checker found in rt's
// process so far (the first ones; IsolationViolationCount counts them
// all): each names the thread, both interpreters and the object's type.
func (rt *Runtime) IsolationViolations() []string {
	g := rt.interp.group
	g.violMu.Lock()
	defer g.violMu.Unlock()
	out := make([]string, 0, len(g.violations))
	for _, v := range g.violations {
		out = append(out, v[strings.LastIndexByte(v, 0)+1:])
	}
	return out
}

// IsolationViolationCount counts the violations found in rt's process.
func (rt *Runtime) IsolationViolationCount() int64 { return rt.interp.group.violCount.Load() }

// isolationViolations describes the violations that involve rt, for
// Close; "" if none.
func (rt *Runtime) isolationViolations() string {
	g := rt.interp.group
	g.violMu.Lock()
	defer g.violMu.Unlock()
	id := fmt.Sprint(rt.interp.id)
	var mine []string
	for _, v := range g.violations {
		parts := strings.SplitN(v, "\x00", 3)
		if parts[0] == id || parts[1] == id {
			mine = append(mine, parts[2])
		}
	}
	if len(mine) == 0 {
		return ""
	}
	return fmt.Sprintf("%d found in the process; %s", g.violCount.Load(), strings.Join(mine, "; "))
}
