package core

import (
	"fmt"
	"strings"
	"sync"

	"github.com/rwgil/rwgil/core/bytecode"
	"github.com/rwgil/rwgil/eml"

	"github.com/rwgil/rwgil/internal/mutant"
)

// What core tells a Sequencer (eml.Sequencer, the deterministic scheduler
// of package schedule): where each thread is when it stops -- its Label,
// the innermost Python frame's function, line and instruction, the
// extension function it is in, and what it waits for -- and which
// goroutines will enter the runtime (spawn starts them through the
// Sequencer). A thread unwound by the Sequencer's eml.Abort is not an
// error of the program: Run returns the abort, the goroutines the runtime
// started end quietly.

// serialIDs numbers objects for ID under a Sequencer, in the order their
// identity is first asked for (which the schedule fixes). The map keeps
// numbered objects' memory alive -- a deterministic run is a test, not a
// long-lived process -- so a number is never reused.
type serialIDs struct {
	mu  sync.Mutex
	ids map[*Header]int64
}

// serialID returns h's serial number, giving it one if it has none.
// Numbers start at 0x1000 and step by 16, like small addresses.
func (rt *Runtime) serialID(h *Header) int64 {
	rt.serials.mu.Lock()
	defer rt.serials.mu.Unlock()
	id, ok := rt.serials.ids[h]
	if !ok {
		if rt.serials.ids == nil {
			rt.serials.ids = make(map[*Header]int64)
		}
		id = 0x1000 + 16*int64(len(rt.serials.ids))
		rt.serials.ids[h] = id
	}
	return id
}

// Deterministic reports whether the runtime's threads run one at a time
// under a Sequencer. Real blocking I/O, which the Sequencer cannot see,
// is refused then.
func (rt *Runtime) Deterministic() bool { return rt.seq != nil }

// switchPoint lets a Sequencer run another thread between two
// instructions of this one, unless this thread runs alone (it holds the
// GIL, or has stopped the world): between safe points a GIL holder is
// never switched, and nobody else runs during an exclusive section.
func (th *Thread) switchPoint() {
	th.atBoundary = true
	if th.noter != nil {
		th.noter.NoteStep(th.eml.Waiter())
	}
	if !th.eml.RunsAlone() && !mutant.On(mutant.SwitchPointNoYield) {
		th.eml.Yield()
	}
	th.atBoundary = false
}

// StepNoter is a Sequencer that hears of every step of every thread --
// each instruction boundary and safe point, whether or not the thread
// may be switched there -- on the thread's goroutine, before the switch
// point: package schedule's Scheduler, which logs the steps under
// Options.Log to explain a run.
type StepNoter interface {
	NoteStep(w *eml.Waiter)
}

// step is the thread's Waiter.Step: the instruction it stopped before,
// and whether that touches only the thread's own state. Only the owner
// calls it (the Sequencer, on the thread's goroutine).
func (th *Thread) step(detail bool) eml.Step {
	var s eml.Step
	if !detail && th.region != nil {
		var inside bool
		s.Since, inside, s.Spoiled = th.regionStep(th.atSafePoint)
		s.SinceBounded = s.Since != nil
		if inside {
			// Inside a region: what follows, up to the thread's next
			// scheduling point, is more of it.
			s.Bounded, s.Footprint = true, s.Since
			return s
		}
	}
	fr := th.frame
	if fr == nil {
		return s
	}
	bc := fr.code.bc
	if fr.pc < 0 || fr.pc >= len(bc.Instrs) {
		s.Func = bc.Name
		return s
	}
	in := bc.Instrs[fr.pc]
	s.Instr, s.Func, s.Line, s.PC, s.Op = th.atBoundary, bc.Name, int(in.Line), fr.pc, in.Op.String()
	if in.Op.Info().Operand == bytecode.OperandName && int(in.Arg) < len(bc.Names) {
		s.Name = bc.Names[in.Arg]
	}
	sp := fr.stopSP
	if sp < 0 || sp > len(fr.stack) {
		sp = 0
	}
	top := func(i int) Object { // the i-th value from the top, nil if none
		if sp-i < 0 {
			return nil
		}
		return fr.stack[sp-i]
	}
	s.Local = th.atBoundary && localStep(in, fr, top)
	switch {
	case detail:
	case th.atBoundary && !s.Local:
		s.Footprint, s.Bounded = nameFootprint(th.rt, in, fr, top)
		if !s.Bounded {
			s.Footprint, s.Bounded = attrFootprint(in, fr, top)
		}
		if !s.Bounded {
			s.Footprint, s.Bounded = th.exitFootprint(in, fr)
		}
	case th.atSafePoint:
		s.Footprint, s.Bounded = th.safePointFootprint(in, fr, top)
	}
	if detail {
		if n := len(th.extCalls); n > 0 {
			s.Ext, s.ExtPorted = th.extCalls[n-1].String(), th.extCalls[n-1].ported
		}
		if v := top(1); v != nil {
			s.Top = showValue(v)
		}
	}
	return s
}

// immutablePlain reports whether o is of a built-in immutable type whose
// operations run no Python code and whose deallocation frees nothing
// another thread could see: int, float, bool, str, None.
func immutablePlain(o Object) bool {
	switch v := o.(type) {
	case *Int, *Float, *Str, *Bool:
		return true
	case *singleton:
		return v.name == "None"
	}
	return false
}

// plainRepr is repr of an immutablePlain value, cut to 40 characters.
func plainRepr(o Object) string {
	var s string
	switch v := o.(type) {
	case *Str:
		s = strRepr(v.s)
	case *Float:
		s = floatRepr(v.v)
	case *Int:
		s = v.String()
	case *Bool:
		s = v.Describe()
	case *singleton:
		s = v.name
	}
	if len(s) > 40 {
		s = s[:39] + "~"
	}
	return s
}

// showValue is what a report shows of a value: repr of an
// immutablePlain one, of a list, tuple or dict of at most four plain
// items, else its type and size ("list of 7"), or "" for other objects.
// It runs no Python code and takes no lock: only one thread runs under
// a Sequencer.
func showValue(o Object) string {
	if immutablePlain(o) {
		return plainRepr(o)
	}
	seq := func(open, close string, items []Object, kind string) string {
		if len(items) > 4 {
			return fmt.Sprintf("%s of %d", kind, len(items))
		}
		parts := make([]string, len(items))
		for i, it := range items {
			if it == nil || !immutablePlain(it) {
				return fmt.Sprintf("%s of %d", kind, len(items))
			}
			parts[i] = plainRepr(it)
		}
		if kind == "tuple" && len(items) == 1 {
			return open + parts[0] + "," + close
		}
		return open + strings.Join(parts, ", ") + close
	}
	switch v := o.(type) {
	case *List:
		return seq("[", "]", v.items, "list")
	case *Tuple:
		return seq("(", ")", v.items, "tuple")
	case *Dict:
		if v.used > 4 {
			return fmt.Sprintf("dict of %d", v.used)
		}
		var parts []string
		for _, e := range v.entries {
			if e.key == nil {
				continue
			}
			if !immutablePlain(e.key) || e.value == nil || !immutablePlain(e.value) {
				return fmt.Sprintf("dict of %d", v.used)
			}
			parts = append(parts, plainRepr(e.key)+": "+plainRepr(e.value))
		}
		return "{" + strings.Join(parts, ", ") + "}"
	}
	return ""
}

// localStep reports whether instruction in, about to run in fr, touches
// only the thread's own state (see eml.Step.Local): it reads and writes
// only fast locals, the operand stack and constants, and every value it
// operates on, or drops, is immutablePlain. top(i) is the i-th value from
// the top of the stack.
func localStep(in bytecode.Instr, fr *frame, top func(int) Object) bool {
	plain := func(n int) bool {
		for i := 1; i <= n; i++ {
			if v := top(i); v == nil || !immutablePlain(v) {
				return false
			}
		}
		return true
	}
	switch in.Op {
	case bytecode.Nop, bytecode.LoadConst, bytecode.LoadFast, bytecode.Copy, bytecode.Swap,
		bytecode.KwNames, bytecode.SetupExcept, bytecode.PopBlock, bytecode.JumpForward,
		bytecode.IsOp:
		return true
	case bytecode.StoreFast:
		if int(in.Arg) >= len(fr.locals) {
			return false
		}
		old := fr.locals[in.Arg]
		return old == nil || immutablePlain(old)
	case bytecode.PopTop, bytecode.PopJumpIfFalse, bytecode.PopJumpIfTrue,
		bytecode.PopJumpIfNone, bytecode.PopJumpIfNotNone,
		bytecode.UnaryNegative, bytecode.UnaryPositive, bytecode.UnaryNot, bytecode.UnaryInvert:
		return plain(1)
	case bytecode.BinaryOp, bytecode.CompareOp:
		return plain(2)
	}
	return false
}

// position is the thread's Label: where it is and what it waits for.
// Only the owner calls it (the Sequencer, on the thread's goroutine).
func (th *Thread) position() string {
	var b strings.Builder
	if fr := th.frame; fr != nil {
		bc := fr.code.bc
		if fr.pc >= 0 && fr.pc < len(bc.Instrs) {
			in := bc.Instrs[fr.pc]
			fmt.Fprintf(&b, "%s:%d %s", bc.Name, in.Line, in.Op)
			if in.Op.Info().Operand == bytecode.OperandName && int(in.Arg) < len(bc.Names) {
				b.WriteString(" " + bc.Names[in.Arg])
			}
		} else {
			b.WriteString(bc.Name)
		}
	} else {
		b.WriteString("(no Python frame)")
	}
	if n := len(th.extCalls); n > 0 {
		b.WriteString(" in " + th.extCalls[n-1].String())
	}
	switch o := th.blockedOn.(type) {
	case nil:
		if w := th.eml.Waiting(); w != "" {
			b.WriteString(", waiting for " + w)
		}
	case *ThreadHandle:
		b.WriteString(", joining " + o.name)
	case waitTarget:
		b.WriteString(", waiting for ")
		o.describeWait(&b)
	case Object:
		b.WriteString(", waiting for the critical section of a " + o.Type().name + " object")
	}
	return b.String()
}

// spawnGo starts fn on a goroutine called name: through the Sequencer,
// which runs it only when it chooses to, if there is one.
func (rt *Runtime) spawnGo(name string, fn func()) {
	if rt.seq != nil {
		rt.seq.Go(name, fn)
		return
	}
	go fn()
}

// isAbort reports whether a recovered panic is a Sequencer's abort.
func isAbort(p any) bool {
	_, ok := p.(*eml.Abort)
	return ok
}

// orderKey is the Access key of a dict's insertion order: every insertion
// writes it, so two insertions never commute (they order the dict), while
// an insertion and a load of another key do.
const orderKey = "\x00order"

// nameFootprint is the footprint of instruction in, about to run in fr,
// when it is a global's load or store whose whole effect another thread
// could see is named slots of module dicts and the reference counts of
// the values moved (eml.Step.Bounded): LOAD_GLOBAL (and a module body's
// LOAD_NAME) of a name found in the globals or the builtins, STORE_GLOBAL
// (and a module body's STORE_NAME) over a plain old value or none. It
// holds only while the dicts' mutexes are idle (the critical section
// neither waits nor wakes) and their keys are all str (a lookup runs no
// Python code); anything else is not bounded. Reference counts of plain
// values are not in it, by the assumption eml.Step.Local makes too.
func nameFootprint(rt *Runtime, in bytecode.Instr, fr *frame, top func(int) Object) ([]eml.Access, bool) {
	load := in.Op == bytecode.LoadGlobal || (in.Op == bytecode.LoadName && fr.ns == nil)
	store := in.Op == bytecode.StoreGlobal || (in.Op == bytecode.StoreName && fr.ns == nil)
	if !load && !store || int(in.Arg) >= len(fr.code.names) {
		return nil, false
	}
	name := fr.code.names[in.Arg]
	hash := name.hashValue()
	// find looks name up in d with no side effect; ok is false if d's
	// lookups could wait, wake or call back.
	find := func(d *Dict) (v Object, ok bool) {
		if d == nil || !d.mu.Idle() {
			return nil, false
		}
		for i := range d.entries {
			if k := d.entries[i].key; k != nil {
				if _, isStr := k.(*Str); !isStr {
					return nil, false
				}
			}
		}
		if pos := d.lookupStr(name.s, hash); pos >= 0 {
			return d.entries[pos].value, true
		}
		return nil, true
	}
	g := fr.globals
	v, ok := find(g)
	if !ok {
		return nil, false
	}
	if load {
		acc := []eml.Access{{Obj: g, Key: name.s}}
		if v == nil {
			b := rt.builtins.dict
			if v, ok = find(b); !ok || v == nil {
				return nil, false // a NameError is raised: not bounded
			}
			acc = append(acc, eml.Access{Obj: b, Key: name.s})
		}
		if !immutablePlain(v) {
			acc = append(acc, eml.Access{Obj: v, Write: true}) // its count
		}
		return acc, true
	}
	x := top(1)
	if x == nil || (v != nil && !immutablePlain(v)) {
		return nil, false // the old value's release could free anything
	}
	acc := []eml.Access{{Obj: g, Key: name.s, Write: true}}
	if v == nil {
		acc = append(acc, eml.Access{Obj: g, Key: orderKey, Write: true})
	}
	if !immutablePlain(x) {
		acc = append(acc, eml.Access{Obj: x, Write: true})
	}
	return acc, true
}

// Footprints of the stretches around a thread's life -- its start, its
// exit, a join -- and of safe points, for the explorer's dynamic
// partial-order reduction (schedule.ExploreOptions.DPOR). Each is a
// claim about a fixed piece of Go code, checked where it could go wrong:
// a stretch that deallocated anything (its thread's refcount owner ran a
// Dealloc hook) may have run arbitrary code, and is reported spoiled.
// The lock's state (attach, detach, parking for a stop, the GIL) is one
// location, the *eml.Lock; a thread handle's running mutex is the slot
// "running" of the handle; the registry of threads is the slot "threads"
// of the Runtime. The memory budget's counter and the statistics
// counters are not locations (only a MemoryError near the budget could
// tell two orders apart, as with Local steps' allocations).

// regionKind is what a thread's region is (see region).
type regionKind uint8

const (
	regionStart regionKind = iota + 1 // goroutine start through the entry of its function
	regionJoin                        // thread.join's call through its return
	regionExit                        // the return of a started thread's function through its end
)

// region is Go code a thread runs between two of its instructions whose
// whole effect another thread could see is known: acc, at every point
// of it. Its start, through the call of its function; a join, through
// the call's return; its exit, from its function's return. A region may
// switch inside (a wait, a mutex's hand-off) and may end only once its
// thread is where it says (see regionStep); it must free nothing (a
// deallocation may run anything): if it does, the stretch it happens in
// is spoiled.
type region struct {
	kind     regionKind
	acc      []eml.Access
	deallocs uint64    // the owner's deallocations when it began
	fn       *Function // start: the function called
	fr       *frame    // join: the frame and pc of the call
	pc       int
}

// started is what a thread started by thread.start holds until it exits,
// for the footprint of its exit (exitFootprint).
type started struct {
	fn   *Function
	objs []Object // the function, its arguments, the handle
	h    *ThreadHandle
}

// footprints reports whether the thread's stretches are explored with
// footprints: under a Sequencer that hears of steps.
func (th *Thread) footprints() bool { return th.noter != nil }

// lockAccess is a write of the lock's state: attaching, detaching,
// waiting, handing a mutex over.
func (th *Thread) lockAccess() eml.Access { return eml.Access{Obj: th.rt.lock, Write: true} }

// beginStart is called on a started thread's goroutine before it
// attaches: its start is a region. Attach, then callPython's fast path
// into the function's frame: the lock, the function's fields read,
// counts of its arguments and closure cells.
func (th *Thread) beginStart(fn Object, args []Object, h *ThreadHandle) {
	if !th.footprints() {
		return
	}
	f, _ := fn.(*Function)
	th.start = &started{fn: f, objs: append([]Object{fn, h}, args...), h: h}
	if f == nil {
		return
	}
	acc := []eml.Access{th.lockAccess(), {Obj: f}}
	for _, a := range args {
		acc = countAccess(acc, a)
	}
	if f.closure != nil {
		for _, c := range f.closure.items {
			acc = countAccess(acc, c)
		}
	}
	th.region = &region{kind: regionStart, acc: acc, deallocs: th.owner.Deallocations(), fn: f}
}

// endExit is called on a started thread's goroutine once it has dropped
// everything, before it detaches: if it deallocated in its exit region,
// the stretch is spoiled.
func (th *Thread) endExit() {
	r := th.region
	if r == nil || r.kind != regionExit {
		return
	}
	th.region = nil
	if th.owner.Deallocations() != r.deallocs {
		if sp, ok := th.noter.(StretchSpoiler); ok {
			sp.SpoilStretch(th.eml.Waiter())
		}
	}
}

// StretchSpoiler is a Sequencer that can be told that the stretch its
// running thread is in did more than the step it began at said: it may
// have touched anything (schedule's Scheduler).
type StretchSpoiler interface {
	SpoilStretch(w *eml.Waiter)
}

// beginJoin is called by thread.join before it waits for h: the rest of
// the call is a region. The handle's mutex, the lock (the wait detaches
// and attaches), and the call's end: counts of the callable and its
// arguments (every non-plain value on the caller's stack).
func (th *Thread) beginJoin(h *ThreadHandle) {
	fr := th.frame
	if !th.footprints() || fr == nil {
		return
	}
	acc := []eml.Access{th.lockAccess(), {Obj: h, Key: "running", Write: true}}
	sp := fr.stopSP
	if sp < 0 || sp > len(fr.stack) {
		return
	}
	for _, o := range fr.stack[:sp] {
		acc = countAccess(acc, o)
	}
	th.region = &region{kind: regionJoin, acc: acc, deallocs: th.owner.Deallocations(), fr: fr, pc: fr.pc}
}

// regionStep is what a Step says of the thread's region: at its end, its
// footprint for the stretch ending here (since); inside it, that and the
// footprint of the stretch beginning here (inside); anywhere else, or if
// it deallocated, the stretch ending here is spoiled. It ends the region
// but inside it.
func (th *Thread) regionStep(safePoint bool) (since []eml.Access, inside, spoiled bool) {
	r := th.region
	if th.owner.Deallocations() != r.deallocs {
		th.region = nil
		return nil, false, true
	}
	fr := th.frame
	stop := th.atBoundary || safePoint
	switch r.kind {
	case regionStart:
		if fr == nil {
			return r.acc, true, false
		}
		th.region = nil
		if fr.back == nil && fr.fn == r.fn && safePoint && fr.pc == 0 && th.depth == 1 {
			return r.acc, false, false
		}
	case regionJoin:
		if fr == r.fr && fr.pc == r.pc && !stop {
			return r.acc, true, false
		}
		th.region = nil
		if fr == r.fr && fr.pc == r.pc+1 && stop {
			return r.acc, false, false
		}
	case regionExit:
		if fr == nil {
			return r.acc, true, false
		}
		th.region = nil
	}
	return nil, false, true
}

// countAccess adds a Count of o to acc, unless o is nil or plain.
func countAccess(acc []eml.Access, o Object) []eml.Access {
	if o == nil || immutablePlain(o) {
		return acc
	}
	return append(acc, eml.Access{Obj: o, Count: true})
}

// exitFootprint is the footprint of a started thread's return from its
// function at depth 1 (RETURN_VALUE, RETURN_CONST), through its exit (a
// region): the frame's release, the drop of the function, its arguments
// and the handle (counts), the handle's running mutex (whose unlock
// wakes a joiner), the lock (detach) and the registry of threads (its
// close).
func (th *Thread) exitFootprint(in bytecode.Instr, fr *frame) ([]eml.Access, bool) {
	st := th.start
	if st == nil || st.fn == nil || fr.fn != st.fn || fr.back != nil || th.depth != 1 || th.eml.HoldsGIL() ||
		(in.Op != bytecode.ReturnValue && in.Op != bytecode.ReturnConst) ||
		th.pendingClose != nil || len(th.handling) != 0 || fr.ns != nil || fr.resumeErr != nil || len(fr.saved) != 0 {
		return nil, false
	}
	sp := fr.stopSP
	if sp < 0 || sp > len(fr.stack) {
		return nil, false
	}
	acc := []eml.Access{
		th.lockAccess(),
		{Obj: st.h, Key: "running", Write: true},
		{Obj: th.rt, Key: "threads", Write: true},
	}
	for _, o := range st.objs {
		acc = countAccess(acc, o)
	}
	for _, o := range fr.locals {
		acc = countAccess(acc, o)
	}
	for _, o := range fr.stack[:sp] {
		acc = countAccess(acc, o)
	}
	for _, c := range fr.cells {
		acc = countAccess(acc, c)
	}
	if in.Op == bytecode.ReturnConst && int(in.Arg) < len(fr.code.consts) {
		acc = countAccess(acc, fr.code.consts[in.Arg])
	}
	th.region = &region{kind: regionExit, acc: acc, deallocs: th.owner.Deallocations()}
	return acc, true
}

// safePointFootprint is the footprint of what follows a safe point's
// switch point up to the thread's next scheduling point: the rest of
// the safe point -- a Poll that only reads the lock's state, no
// asynchronous exception, no biased counts queued to merge, no
// generators to close -- and, at an instruction's safe point, that
// instruction (at a function's entry it is not run, and is counted
// anyway). The instruction must be Local, a jump back, a global's or a
// module attribute's load or store, or thread.join's call.
func (th *Thread) safePointFootprint(in bytecode.Instr, fr *frame, top func(int) Object) ([]eml.Access, bool) {
	if th.async.Load() != 0 || th.owner.HasQueued() || th.pendingClose != nil || !th.eml.PollReadsOnly() {
		return nil, false
	}
	acc := []eml.Access{{Obj: th.rt.lock}}
	switch {
	case in.Op == bytecode.JumpBackward || localStep(in, fr, top):
		return acc, true
	}
	if f, ok := nameFootprint(th.rt, in, fr, top); ok {
		return append(acc, f...), true
	}
	if f, ok := attrFootprint(in, fr, top); ok {
		return append(acc, f...), true
	}
	if f, ok := th.joinFootprint(in, top); ok {
		return append(acc, f...), true
	}
	return nil, false
}

// joinFootprint is the footprint of a call of thread.join(h) up to the
// thread's next scheduling point: its wait (which ends the stretch) or,
// if h's thread has ended, the call through its return. The handle's
// mutex, the lock, counts of the callable and the handle.
func (th *Thread) joinFootprint(in bytecode.Instr, top func(int) Object) ([]eml.Access, bool) {
	if in.Arg != 1 {
		return nil, false
	}
	var fn Object
	switch in.Op {
	case bytecode.Call:
		fn = top(2)
	case bytecode.CallMethod:
		if top(2) != nil {
			return nil, false
		}
		fn = top(3)
	default:
		return nil, false
	}
	h, ok := top(1).(*ThreadHandle)
	if !ok || fn == nil || fn != Object(th.rt.joinFn.Load()) || h.ident == th.ident {
		return nil, false // joining itself raises: not bounded
	}
	return []eml.Access{
		{Obj: th.rt.lock, Write: true},
		{Obj: h, Key: "running", Write: true},
		{Obj: h, Count: true},
		{Obj: fn, Count: true},
	}, true
}

// attrFootprint is the footprint of LOAD_ATTR or LOAD_METHOD of a name
// found in a module's dict and in no class of the module type's mro
// (so no descriptor comes first and no module __getattr__ is called):
// the dict's slot, counts of the module and of the value. As for a
// global, only while the dict's mutex is idle and its keys all str.
func attrFootprint(in bytecode.Instr, fr *frame, top func(int) Object) ([]eml.Access, bool) {
	if (in.Op != bytecode.LoadAttr && in.Op != bytecode.LoadMethod) || int(in.Arg) >= len(fr.code.names) {
		return nil, false
	}
	m, ok := top(1).(*Module)
	if !ok || m.typ != m.typ.rt.types.module || m.dict == nil {
		return nil, false
	}
	name := fr.code.names[in.Arg]
	hash := name.hashValue()
	for _, c := range m.typ.mro {
		if c.dict == nil || c.dict.lookupStr(name.s, hash) >= 0 {
			return nil, false
		}
	}
	d := m.dict
	if !d.mu.Idle() {
		return nil, false
	}
	for i := range d.entries {
		if k := d.entries[i].key; k != nil {
			if _, isStr := k.(*Str); !isStr {
				return nil, false
			}
		}
	}
	pos := d.lookupStr(name.s, hash)
	if pos < 0 {
		return nil, false
	}
	acc := []eml.Access{{Obj: d, Key: name.s}, {Obj: m, Count: true}}
	return countAccess(acc, d.entries[pos].value), true
}
