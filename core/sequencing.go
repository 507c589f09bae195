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
	if th.atBoundary && !s.Local {
		s.Footprint, s.Bounded = nameFootprint(th.rt, in, fr, top)
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
