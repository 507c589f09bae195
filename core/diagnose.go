package core

import (
	"errors"
	"fmt"
	"io"
	"sort"
	"strings"
	"sync/atomic"
	"time"

	"github.com/rwgil/rwgil/eml"
)

// Diagnostics of a running program: Interrupt (SIGINT's KeyboardInterrupt),
// DumpThreads (where every thread is, as CPython's faulthandler prints it),
// and the watchdog that reports a real-mode deadlock.

// Interrupt raises KeyboardInterrupt in the main thread of the program
// Exec is running, at its next safe point, as CPython does on SIGINT. It
// reports whether a program was running. A main thread blocked in a wait
// (a join, a lock) gets it when the wait ends.
func (rt *Runtime) Interrupt() bool {
	th := rt.execMain.Load()
	if th == nil {
		return false
	}
	th.async.Or(asyncInterrupt)
	return true
}

// interruptPoll is how often the main thread, waiting for a lock, a join
// or the end of a sleep, looks for an Interrupt.
const interruptPoll = 100 * time.Millisecond

// interruptible reports whether the thread's waits must wake for an
// Interrupt: it is the main thread of the program Exec runs with real
// goroutines (under a Sequencer, time is virtual and nothing interrupts).
func (th *Thread) interruptible() bool { return th.rt.seq == nil && th.rt.execMain.Load() == th }

// checkInterrupt raises a pending KeyboardInterrupt.
func (th *Thread) checkInterrupt() error {
	if th.async.Load()&asyncInterrupt == 0 {
		return nil
	}
	th.async.And(^uint32(asyncInterrupt))
	return th.newException(th.rt.types.exc.KeyboardInterrupt, th.rt.emptyTuple)
}

// lockInterruptibly is mu.LockTimeout(d) (d < 0: no limit) that the main
// thread leaves with KeyboardInterrupt if it is interrupted meanwhile, as
// CPython's lock acquisitions and joins are on SIGINT.
func (th *Thread) lockInterruptibly(mu *eml.Mutex, d time.Duration) (bool, error) {
	if !th.interruptible() {
		return mu.LockTimeout(th.eml, d)
	}
	for {
		step := interruptPoll
		if d >= 0 {
			step = min(d, interruptPoll)
		}
		ok, err := mu.LockTimeout(th.eml, step)
		if ok || err != nil {
			return ok, err
		}
		if d >= 0 {
			if d -= step; d <= 0 {
				return false, nil
			}
		}
		if err := th.checkInterrupt(); err != nil {
			return false, err
		}
	}
}

// ErrDumpTimeout is returned by DumpThreads when the threads could not be
// stopped in time: one is running Go code with no safe point.
var ErrDumpTimeout = errors.New("the threads did not stop in time to be read")

// DumpThreads writes, for every open thread of the runtime, its name, its
// state and what it waits for (in the words of a deterministic run's
// deadlock report: "Thread-1: blocked at take:84 CALL_METHOD, waiting for
// lock #2 held by Thread-2"), then its Python stack, most recent call
// first, as CPython's faulthandler.dump_traceback does. To read the
// threads it stops the world (eml.Thread.Inspect), or under a GIL takes
// it, which waits for running threads to reach a safe point; after
// timeout it gives up with
// ErrDumpTimeout. Under a Sequencer it is refused.
func (rt *Runtime) DumpThreads(w io.Writer, timeout time.Duration) error {
	if rt.seq != nil {
		return errors.New("core: DumpThreads: a deterministic run reports its own deadlocks")
	}
	var dumps []threadDump
	var err error
	done := make(chan struct{})
	var late atomic.Bool
	go func() {
		defer close(done)
		dumps, err = rt.readThreads(&late)
	}()
	select {
	case <-done:
	case <-time.After(timeout):
		late.Store(true)
		return fmt.Errorf("core: DumpThreads: %w (%v)", ErrDumpTimeout, timeout)
	}
	if err != nil {
		return err
	}
	_, err = io.WriteString(w, formatDumps(dumps))
	return err
}

// threadDump is what DumpThreads read of one thread.
type threadDump struct {
	name, state string // "blocked at <module>:40 CALL_METHOD, joining Thread-1"
	blocked     bool   // waiting for a lock, a join or a critical section
	stack       []TraceEntry
}

// readThreads stops the world and reads every thread. If late is set by
// the time the world stops, nobody waits for the answer any more.
func (rt *Runtime) readThreads(late *atomic.Bool) ([]threadDump, error) {
	me := rt.newThread("thread-dump", true)
	defer func() { _ = me.close() }()
	var dumps []threadDump
	read := func() {
		if late.Load() {
			return
		}
		rt.threadMu.Lock()
		threads := make([]*Thread, 0, len(rt.threads))
		for th := range rt.threads {
			if !th.internal {
				threads = append(threads, th)
			}
		}
		rt.threadMu.Unlock()
		sort.Slice(threads, func(i, j int) bool { return threads[i].ident < threads[j].ident })
		// Every thread is parked at a safe point or detached, and none can
		// attach until the world starts again: what they wrote before they
		// stopped is theirs to read now.
		for _, th := range threads {
			dumps = append(dumps, th.dump())
		}
	}
	if rt.cfg.Policy == eml.PolicyGIL || rt.lock.Stats().GILEnabled {
		// Under a GIL, holding it is enough: no other thread runs core
		// code, and each one let go of it before it stopped.
		if err := me.attach(); err != nil {
			return nil, err
		}
		read()
		return dumps, me.detach()
	}
	return dumps, me.eml.Inspect(read)
}

// waitingForRestart is what eml says of a thread parked for a stop (the
// dump's own, when the dump is under way): that thread was running.
const waitingForRestart = "the world to restart"

// dump reads a stopped thread.
func (th *Thread) dump() threadDump {
	d := threadDump{name: th.name, blocked: th.blockedOn != nil}
	if _, ok := th.blockedOn.(interpWait); ok {
		d.blocked = false // another interpreter runs for it: no deadlock of this one's
	}
	switch {
	case th.blockedOn != nil:
		d.state = "blocked at " + th.position()
	case th.eml.Waiting() != "" && th.eml.Waiting() != waitingForRestart:
		d.state = "waiting at " + th.position()
	case th.frame == nil:
		d.state = "outside Python code"
	default:
		d.state = "running at " + th.position()
	}
	for fr := th.frame; fr != nil; fr = fr.back {
		bc := fr.code.bc
		line := 0
		if fr.pc >= 0 && fr.pc < len(bc.Instrs) {
			line = int(bc.Instrs[fr.pc].Line)
		}
		d.stack = append(d.stack, TraceEntry{File: bc.Filename, Line: line, Func: bc.Name})
	}
	return d
}

// formatDumps prints thread dumps as DumpThreads does.
func formatDumps(dumps []threadDump) string {
	var b strings.Builder
	for _, d := range dumps {
		fmt.Fprintf(&b, "%s: %s", d.name, d.state)
		if len(d.stack) > 0 {
			b.WriteString(" (most recent call first):")
		}
		b.WriteString("\n")
		for _, t := range d.stack {
			fmt.Fprintf(&b, "  File \"%s\", line %d in %s\n", t.File, t.Line, t.Func)
		}
	}
	return b.String()
}

// watchdogPoll is how often the watchdog looks, at most.
const watchdogPoll = time.Second

// watch is the watchdog of an Exec in real mode: when no thread has
// attached for every (Config.Watchdog) and every thread is blocked -- on a
// lock, a join or a critical section: a deadlock -- it prints where each
// thread is to Config.Stderr, once until something moves. It returns when
// stop is closed.
func (rt *Runtime) watch(every time.Duration, stop <-chan struct{}) {
	tick := min(every/4, watchdogPoll)
	t := time.NewTicker(tick)
	defer t.Stop()
	last, since, reported := uint64(0), time.Now(), false
	for {
		select {
		case <-stop:
			return
		case <-t.C:
		}
		rt.interp.group.reportSelfWaits(rt, every)
		st := rt.lock.Stats()
		if st.Attached > 0 || st.Attaches != last {
			last, since, reported = st.Attaches, time.Now(), false
			continue
		}
		if reported || time.Since(since) < every {
			continue
		}
		reported = true
		var late atomic.Bool
		dumps, err := rt.readThreads(&late)
		last = rt.lock.Stats().Attaches // our own attach is not the program's
		if err != nil || len(dumps) == 0 {
			continue
		}
		all := true
		for _, d := range dumps {
			all = all && d.blocked
		}
		if all {
			rt.writeStderr(fmt.Sprintf("rwgil: every thread has been blocked for %v: a deadlock? (Config.Watchdog; rwgil run -watchdog 0 turns this off)\n%s", every.Round(time.Millisecond), formatDumps(dumps)))
		}
	}
}
