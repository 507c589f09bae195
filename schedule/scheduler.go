package schedule

import (
	"fmt"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/rwgil/rwgil/eml"
)

// The baton protocol.
//
// Each goroutine the Scheduler runs is a task. Exactly one task holds the
// baton (s.running) and runs; every other task is runnable (waiting on its
// wake channel for the baton), parked (waiting for an Unpark, or a virtual
// deadline), outside (a goroutine the Scheduler did not start, which left
// the runtime at Detach), or done. A task passes the baton only inside a
// call into the Scheduler -- Yield, Park, Leave, the end of a Go function
// -- and all of a decision happens under s.mu, by the goroutine giving the
// baton up: it picks the next task (asking the Chooser when there is more
// than one candidate), marks it running, sends on its wake channel, and
// then waits on its own. So at any moment at most one goroutine runs
// runtime code, and the order of everything is the order of the choices.
//
// Threads are bound to tasks at their first Enter: a thread attached by
// the running task's goroutine (the child of thread.start, a foreign
// goroutine's Ensure) belongs to that task; a thread attached while
// nothing runs belongs to a new "outside" task (the program's main
// thread, run by the caller's goroutine), which gives the baton up when
// its thread detaches.
//
// Time is virtual: every scheduling point takes Options.Quantum (1 us by
// default), and when no task can run the clock jumps to the earliest
// deadline of a ParkTimeout. A sleeper wakes once its deadline has
// passed, however busy the others are. If no task can
// run and some are parked with no deadline, the run is deadlocked: the
// Scheduler records who waits for what, and unwinds every task with an
// eml.Abort panic.

type taskState uint8

const (
	runnable taskState = iota
	running
	parked
	outside
	done
)

var stateNames = [...]string{runnable: "runnable", running: "running", parked: "parked", outside: "outside", done: "done"}

// task is one goroutine the Scheduler runs.
type task struct {
	id    int
	name  string
	state taskState
	// adhoc: entered from a goroutine the Scheduler did not start; it
	// gives the baton up when its thread detaches.
	adhoc bool
	// wake receives the baton (capacity one: at most one is ever owed).
	wake chan struct{}
	// While parked: the waiter it parked as, its virtual deadline (if
	// timed) and whether an Unpark (rather than the deadline) ended it.
	parkedOn *waiter
	timed    bool
	deadline time.Duration
	woken    bool
	// where is the label of the point it last stopped at.
	where string
	// pending is what it does when it runs next, under Options.Stretches:
	// the step it yielded before (a preempted task), or nothing known
	// (a task that parks, or has not run yet: its next stretch may touch
	// anything).
	pending eml.Step
	// preempted: it last stopped at a switch point (not a park, nor its
	// start): its next stretch does not begin with a wake-up.
	preempted bool
}

// waiter is a Scheduler's state for one eml.Waiter (Waiter.Sched).
type waiter struct {
	w      *eml.Waiter
	task   *task
	permit bool // an Unpark that came before its Park
}

// Options tune a Scheduler.
type Options struct {
	// PreemptionBound, if positive, allows at most that many preemptions
	// -- switches away from a task that could have gone on -- after which
	// every such choice is "go on" (the bound model checkers use: small
	// bounds reach most bugs, and shrink fast). Zero means no bound.
	PreemptionBound int
	// MaxSteps, if positive, gives the run up after that many scheduling
	// points (a program that never ends), or after that many choices: a
	// GIL hand-off is a choice but not a scheduling point, so a GIL run
	// can take more choices than steps. Bounding both lets a schedule
	// file be bounded by it (ParseChoices).
	MaxSteps int64
	// TraceLimit is how many runs the trace keeps (the first ones); zero
	// means 10,000.
	TraceLimit int
	// Quantum is the virtual time a scheduling point takes; zero means
	// one microsecond.
	Quantum time.Duration
	// Reduce asks the running thread at each of its switch points what
	// it does next (eml.Waiter.Step), and sets Point.Local: what Explore
	// needs for its partial-order reduction.
	Reduce bool
	// Stretches (with Reduce) records the run's steps as the
	// footprint-keyed reduction sees them (Result.Stretches, Stretch).
	Stretches bool
	// Log records every step (Result.Log): at each scheduling point,
	// the instruction the running thread is at, its operand stack's top
	// value and the extension function it is in; and where and why each
	// thread stopped. Reports are made from it; it costs a few strings a
	// step, so it is for replaying one schedule, not for searching.
	// The log keeps the first LogLimit events (zero: a million).
	Log      bool
	LogLimit int
}

// Event is one entry of a run's log (Options.Log): a thread at a
// scheduling point (Why "", Step what it is about to do), or a thread
// that stopped running (Why preempted, parked, exited, ...; Where its
// label).
type Event struct {
	// Task indexes the run's threads; Steps is the number of scheduling
	// points passed before the event.
	Task  int
	Steps int64
	Step  eml.Step
	Why   string
	Where string
}

// Scheduler runs the threads of one runtime one at a time, asking a
// Chooser which runs next at every scheduling point. It implements
// eml.Sequencer; give it to core.Config.Scheduler. A Scheduler serves one
// run.
type Scheduler struct {
	chooser Chooser
	opts    Options

	mu   sync.Mutex
	idle *sync.Cond // signalled when nothing runs or can run
	// tasks lists every task, by id (creation order, which is
	// deterministic: only the running task creates tasks).
	tasks   []*task
	running *task
	now     time.Duration
	steps   int64
	// choices is every decision taken at a choice point, in order: the
	// schedule. preemptions counts choices that switched away from a task
	// that could have gone on.
	choices     []int
	preemptions int
	// trace is the runs, up to the trace limit; untraced counts the runs
	// past it.
	trace    []Run
	untraced int
	// sleepers counts tasks parked with a deadline; cands and ids are
	// buffers for candidates and their ids.
	sleepers int
	cands    []*task
	ids      []int
	// err is why the run was given up, once it is; then every task
	// unwinds with an eml.Abort panic. chooserPanic is a panic the
	// Chooser raised (rapid's way of ending a test case), for the
	// driver to raise again on its own goroutine.
	err          error
	chooserPanic any
	diverged     error
	// log is the run's log, under Options.Log.
	log []Event
	// stretches is the run's steps as the reduction sees them, under
	// Options.Stretches; notes counts the steps noted (NoteStep) since the
	// last stretch began, seen the choices taken when it began.
	stretches []Stretch
	notes     int
	seen      int
}

// Stretch is one step of a run as Explore's partial-order reduction
// sees it (Options.Stretches): what one task ran from the moment it got
// the baton, or went on at a scheduling point, to its next scheduling
// point or stop. A stretch that began at an instruction boundary and
// ran that one instruction has the instruction's eml.Step (Local, or
// Bounded with its Footprint); any other is neither, and may touch
// anything.
type Stretch struct {
	// Task is the task that ran it; Choice the index in the run's
	// choices of the choice that began it (-1 if it began with no
	// choice: only one task could run). Pending marks a task's step that
	// never ran: the run ended with the task runnable.
	Task    int
	Choice  int
	Pending bool
	Step    eml.Step
	// Woke: the stretch began when its task started or woke from a
	// park (not at a switch point): a Step.Since the task reports at the
	// stretch's end describes all of it.
	Woke bool
}

// New returns a Scheduler that asks c at every choice point.
func New(c Chooser, opts Options) *Scheduler {
	s := &Scheduler{chooser: c, opts: opts}
	s.idle = sync.NewCond(&s.mu)
	return s
}

var _ eml.Sequencer = (*Scheduler)(nil)

// Run is one stretch of the schedule during which a single task ran.
type Run struct {
	// Task is the index of the task in Tasks.
	Task int
	// Steps counts the scheduling points the task passed while it ran.
	Steps int64
	// From and To are where it started and where it stopped; Why says why
	// it stopped: preempted, parked (and for what), left, exited, ...
	From, To, Why string
}

// waiterOf returns w's state, creating it. s.mu is held.
func (s *Scheduler) waiterOf(w *eml.Waiter) *waiter {
	if ws, ok := w.Sched.(*waiter); ok {
		return ws
	}
	ws := &waiter{w: w}
	w.Sched = ws
	return ws
}

func (s *Scheduler) newTask(name string, adhoc bool) *task {
	t := &task{id: len(s.tasks), name: name, adhoc: adhoc, wake: make(chan struct{}, 1), state: runnable, where: "start"}
	s.tasks = append(s.tasks, t)
	return t
}

// label describes where w's thread is; called on its own goroutine.
func label(w *eml.Waiter) string {
	if w.Label != nil {
		return w.Label()
	}
	return w.Name
}

// abortIfGivenUp panics with the abort, once the run is given up. s.mu is
// held, and released first.
func (s *Scheduler) abortIfGivenUp() {
	if s.err != nil {
		err := s.err
		s.mu.Unlock()
		panic(&eml.Abort{Err: err})
	}
}

// Enter implements eml.Sequencer.
func (s *Scheduler) Enter(w *eml.Waiter) {
	s.mu.Lock()
	s.abortIfGivenUp()
	ws := s.waiterOf(w)
	t := ws.task
	switch {
	case t == nil && s.running != nil:
		// The running goroutine attaches a thread of its own: the child
		// of thread.start on its first attach, or Ensure.
		ws.task = s.running
		s.mu.Unlock()
		return
	case t == nil:
		t = s.newTask(w.Name, true)
		ws.task = t
		t.state = outside
	case t == s.running:
		s.mu.Unlock()
		return
	}
	// A goroutine from outside: it may run once nothing else can.
	for s.running != nil || s.anyRunnable() {
		s.idle.Wait()
		s.abortIfGivenUp()
	}
	s.begin(t) // the baton is ours: nothing to wake
	s.mu.Unlock()
}

// Leave implements eml.Sequencer.
func (s *Scheduler) Leave(w *eml.Waiter) {
	s.mu.Lock()
	ws := s.waiterOf(w)
	t := ws.task
	if t == nil || t != s.running || !t.adhoc {
		s.mu.Unlock()
		return
	}
	t.state = outside
	s.stop(t, w, "left the runtime")
	s.handOff(s.pick(nil, t, false))
	s.mu.Unlock()
}

// Closed implements eml.Sequencer.
func (s *Scheduler) Closed(w *eml.Waiter) {}

// Yield implements eml.Scheduler: a scheduling point at which the running
// task may be preempted.
func (s *Scheduler) Yield(w *eml.Waiter) {
	s.mu.Lock()
	s.abortIfGivenUp()
	t := s.waiterOf(w).task
	if t == nil || t != s.running {
		s.mu.Unlock() // a goroutine the Scheduler does not run
		return
	}
	s.step()
	var st eml.Step
	if s.opts.Reduce && w.Step != nil {
		st = w.Step(false)
	}
	switch {
	case st.Spoiled:
		s.spoil(t)
	case st.SinceBounded:
		s.since(t, st.Since)
	}
	next := s.pick(t, t, st.Local)
	if next == t {
		s.startStretch(t, st)
		s.mu.Unlock()
		return
	}
	t.pending, t.preempted = st, true
	t.state = runnable
	s.stop(t, w, "preempted")
	s.handOff(next)
	s.mu.Unlock()
	s.awaitTurn(t)
	if s.opts.Stretches && w.Step != nil {
		// What the step touches may have changed while others ran (a
		// global stored meanwhile, a stop requested): the stretch it
		// begins now gets the step as it is now.
		st := w.Step(false)
		s.mu.Lock()
		if n := len(s.stretches); n > 0 && s.err == nil && s.stretches[n-1].Task == t.id && s.notes == 0 {
			s.stretches[n-1].Step = stretchStep(st)
		}
		s.mu.Unlock()
	}
}

// since puts footprint on t's current stretch, the one ending at this
// scheduling point, if it began with t's start or a wake-up: what t's
// thread says it did since then (eml.Step.Since). s.mu is held.
func (s *Scheduler) since(t *task, footprint []eml.Access) {
	if !s.opts.Stretches || s.err != nil {
		return
	}
	if n := len(s.stretches); n > 0 && s.stretches[n-1].Task == t.id && s.stretches[n-1].Woke {
		s.stretches[n-1].Step = eml.Step{Instr: true, Bounded: true, Footprint: footprint}
	}
}

// spoil clears the step of t's current stretch: it did more than its
// step said, and may have touched anything. s.mu is held.
func (s *Scheduler) spoil(t *task) {
	if n := len(s.stretches); s.opts.Stretches && n > 0 && s.stretches[n-1].Task == t.id {
		s.stretches[n-1].Step = eml.Step{}
	}
}

// SpoilStretch implements core.StretchSpoiler: the running thread w's
// stretch did more than its step said.
func (s *Scheduler) SpoilStretch(w *eml.Waiter) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if t := s.waiterOf(w).task; t != nil && t == s.running {
		s.spoil(t)
	}
}

// stretchStep is what a stretch that begins at a step records of it:
// the step if it says what the stretch does (one instruction's, or a
// safe point's footprint), else nothing (it may touch anything).
func stretchStep(st eml.Step) eml.Step {
	if !st.Instr && !st.Bounded {
		return eml.Step{}
	}
	st.Since, st.SinceBounded = nil, false
	return st
}

// step counts a scheduling point of the running task; past MaxSteps it
// gives the run up and panics with the abort. s.mu is held.
func (s *Scheduler) step() {
	s.steps++
	if s.opts.Quantum > 0 {
		s.now += s.opts.Quantum
	} else {
		s.now += time.Microsecond
	}
	if n := len(s.trace); n > 0 && s.untraced == 0 {
		s.trace[n-1].Steps++
	}
	if s.opts.MaxSteps > 0 && s.steps > s.opts.MaxSteps {
		s.giveUp(fmt.Errorf("the run passed %d scheduling points (MaxSteps)", s.opts.MaxSteps))
		s.abortIfGivenUp()
	}
}

// NoteStep implements core.StepNoter: under Options.Log it records the
// step the running thread is about to take.
func (s *Scheduler) NoteStep(w *eml.Waiter) {
	if s.opts.Stretches {
		s.mu.Lock()
		if t := s.waiterOf(w).task; t != nil && t == s.running {
			if s.notes++; s.notes > 1 && len(s.stretches) > 0 {
				// It passed an instruction boundary without a switch
				// point: more than the one instruction its step names.
				s.stretches[len(s.stretches)-1].Step = eml.Step{}
			}
		}
		s.mu.Unlock()
	}
	if !s.opts.Log || w.Step == nil {
		return
	}
	s.mu.Lock()
	full := s.logFull()
	s.mu.Unlock()
	if full {
		return
	}
	st := w.Step(true)
	s.mu.Lock()
	defer s.mu.Unlock()
	if t := s.waiterOf(w).task; t != nil && t == s.running {
		// A function's entry (a safe point) and its first instruction,
		// or a safe point inside an instruction (a critical section's),
		// note the same instruction twice: keep the later note.
		for i := len(s.log) - 1; i >= 0; i-- {
			if e := s.log[i]; e.Task == t.id {
				if e.Why == "" && e.Step.Func == st.Func && e.Step.PC == st.PC && e.Step.Line == st.Line {
					s.log[i] = Event{Task: t.id, Steps: s.steps, Step: st}
					return
				}
				break
			}
		}
		s.log = append(s.log, Event{Task: t.id, Steps: s.steps, Step: st})
	}
}

// Park implements eml.Scheduler.
func (s *Scheduler) Park(w *eml.Waiter) { s.park(w, false, 0) }

// ParkTimeout implements eml.Scheduler; the deadline is virtual.
func (s *Scheduler) ParkTimeout(w *eml.Waiter, d time.Duration) bool {
	return s.park(w, true, d)
}

func (s *Scheduler) park(w *eml.Waiter, timed bool, d time.Duration) bool {
	s.mu.Lock()
	s.abortIfGivenUp()
	ws := s.waiterOf(w)
	if ws.permit {
		ws.permit = false
		s.mu.Unlock()
		return true
	}
	t := ws.task
	if t == nil || t != s.running {
		s.mu.Unlock()
		panic(fmt.Sprintf("schedule: %s parks on a goroutine the scheduler does not run", w.Name))
	}
	if timed && d <= 0 {
		s.mu.Unlock()
		return false
	}
	t.state, t.parkedOn, t.timed, t.woken = parked, ws, timed, false
	t.deadline = s.now + d
	if timed {
		s.sleepers++
	}
	why := "parked"
	if timed {
		why = fmt.Sprintf("parked until t+%v", d)
	}
	s.stop(t, w, why)
	s.handOff(s.pick(nil, t, false))
	s.mu.Unlock()
	s.awaitTurn(t)
	return t.woken
}

// Unpark implements eml.Scheduler. It is not a switch point: the woken
// task runs when a later choice picks it.
func (s *Scheduler) Unpark(w *eml.Waiter) {
	s.mu.Lock()
	defer s.mu.Unlock()
	ws := s.waiterOf(w)
	if t := ws.task; t != nil && t.state == parked && t.parkedOn == ws {
		if t.timed {
			s.sleepers--
		}
		t.state, t.parkedOn, t.woken = runnable, nil, true
		return
	}
	ws.permit = true
}

// Now implements eml.Scheduler: virtual time.
func (s *Scheduler) Now() time.Duration {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.now
}

// DropGIL implements eml.Sequencer: a choice between keeping the GIL (0)
// and handing it over (1).
func (s *Scheduler) DropGIL(w *eml.Waiter) bool {
	s.mu.Lock()
	s.abortIfGivenUp()
	by := -1
	if t := s.waiterOf(w).task; t != nil {
		by = t.id
	}
	drop := s.decide(Point{N: 2, By: by, Stay: true}) == 1
	if t := s.waiterOf(w).task; t != nil && t == s.running {
		s.startStretch(t, eml.Step{}) // a choice inside a stretch: split it
	}
	s.mu.Unlock()
	return drop
}

// Go implements eml.Sequencer. fn runs exactly once, at its turn --
// which, once the run is given up, is its turn to unwind.
func (s *Scheduler) Go(name string, fn func()) {
	s.mu.Lock()
	t := s.newTask(name, false)
	if s.running == nil {
		s.handOff(t) // started from outside while idle
	}
	s.mu.Unlock()
	go func() {
		defer func() {
			if p := recover(); p != nil {
				if _, ok := p.(*eml.Abort); !ok {
					panic(p)
				}
			}
			s.finish(t)
		}()
		// Given up before its turn came, fn still runs -- its deferred
		// bookkeeping must -- and its first scheduling point unwinds it.
		<-t.wake
		fn()
	}()
}

// finish ends a Go task: its goroutine returned (or unwound).
func (s *Scheduler) finish(t *task) {
	s.mu.Lock()
	defer s.mu.Unlock()
	t.state = done
	if s.running == t {
		s.stop(t, nil, "exited")
		s.handOff(s.pick(nil, t, false))
	}
}

// awaitTurn blocks t's goroutine until t holds the baton; if the run has
// been given up, the turn is t's turn to unwind, and it panics with the
// abort.
func (s *Scheduler) awaitTurn(t *task) {
	<-t.wake
	s.mu.Lock()
	s.abortIfGivenUp()
	s.mu.Unlock()
}

// candidates lists the tasks that may run next, in the order the Chooser
// numbers them: cur first if it can go on (choice 0 is "no switch"),
// then the runnable tasks in creation order. With nothing runnable it
// advances virtual time to the earliest deadline and tries again; nil
// means nothing can run. s.mu is held.
func (s *Scheduler) candidates(cur *task) []*task {
	s.wakeSleepers()
	for {
		c := s.cands[:0]
		if cur != nil {
			c = append(c, cur)
		}
		for _, t := range s.tasks {
			if t != cur && t.state == runnable {
				c = append(c, t)
			}
		}
		s.cands = c
		if len(c) > 0 {
			return c
		}
		// Nothing can run: wake the earliest sleepers.
		var next time.Duration
		found := false
		for _, t := range s.tasks {
			if t.state == parked && t.timed && (!found || t.deadline < next) {
				next, found = t.deadline, true
			}
		}
		if !found {
			return nil
		}
		s.now = max(s.now, next)
		s.wakeSleepers()
	}
}

// wakeSleepers makes runnable every task whose ParkTimeout deadline has
// passed. s.mu is held.
func (s *Scheduler) wakeSleepers() {
	if s.sleepers == 0 {
		return
	}
	for _, t := range s.tasks {
		if t.state == parked && t.timed && t.deadline <= s.now {
			t.state, t.parkedOn, t.woken = runnable, nil, false
			s.sleepers--
		}
	}
}

// anyRunnable reports whether some task waits for the baton. s.mu is held.
func (s *Scheduler) anyRunnable() bool {
	for _, t := range s.tasks {
		if t.state == runnable {
			return true
		}
	}
	return false
}

// pick chooses the task to run next (cur, if it can go on, is choice 0),
// or nil if none can; by is the task whose stop (or scheduling point)
// this is. Once the run is given up there is no choice: the next task to
// unwind. s.mu is held.
func (s *Scheduler) pick(cur, by *task, local bool) *task {
	if s.err != nil {
		return s.nextToUnwind()
	}
	c := s.candidates(cur)
	switch len(c) {
	case 0:
		return nil
	case 1:
		return c[0]
	}
	ids := s.ids[:0]
	for _, t := range c {
		ids = append(ids, t.id)
	}
	s.ids = ids
	return c[s.decide(Point{N: len(c), Tasks: ids, By: by.id, Stay: cur != nil, Local: local && cur != nil})]
}

// decide takes one decision, under the preemption bound, and records
// it.
// s.mu is held.
func (s *Scheduler) decide(p Point) int {
	n, canStay := p.N, p.Stay
	var c int
	switch {
	case canStay && s.opts.PreemptionBound > 0 && s.preemptions >= s.opts.PreemptionBound:
		c = 0
	case s.chooserPanic != nil:
		c = 0
	default:
		c = s.choose(p)
	}
	if c < 0 || c >= n {
		if s.diverged == nil {
			s.diverged = fmt.Errorf("choice %d is %d, but there were only %d alternatives there: the schedule does not fit this run", len(s.choices), c, n)
		}
		c = 0
	}
	if canStay && c != 0 {
		s.preemptions++
	}
	s.choices = append(s.choices, c)
	if s.opts.MaxSteps > 0 && int64(len(s.choices)) > s.opts.MaxSteps {
		s.giveUp(fmt.Errorf("the run took more than %d choices (MaxSteps)", s.opts.MaxSteps))
	}
	return c
}

// choose asks the Chooser, turning a panic (rapid ends a test case with
// one) into giving the run up; the driver raises it again.
func (s *Scheduler) choose(p Point) (c int) {
	defer func() {
		if p := recover(); p != nil {
			s.chooserPanic = p
			s.giveUp(fmt.Errorf("the chooser panicked: %v", p))
			c = 0
		}
	}()
	return s.chooser.Choose(p)
}

// grant gives the baton to t and wakes its goroutine. s.mu is held.
func (s *Scheduler) grant(t *task) {
	s.begin(t)
	select {
	case t.wake <- struct{}{}:
	default:
	}
}

// begin makes t the running task. s.mu is held.
func (s *Scheduler) begin(t *task) {
	t.state = running
	s.running = t
	s.startStretchWoke(t, t.pending, !t.preempted)
	t.pending, t.preempted = eml.Step{}, false
	if s.traceFull() {
		s.untraced++
		return
	}
	s.trace = append(s.trace, Run{Task: t.id, From: t.where})
}

// stop records that the running task t stops running, where w's thread
// is (w nil: its goroutine ended), and why. The label is computed only
// when something will read it: a run the trace keeps, or a park (a
// deadlock report names where each thread waits). s.mu is held.
func (s *Scheduler) stop(t *task, w *eml.Waiter, why string) {
	n := len(s.trace)
	kept := n > 0 && s.trace[n-1].Task == t.id && s.untraced == 0
	switch {
	case w == nil:
		t.where = "end"
	case kept || t.state == parked:
		t.where = label(w)
	default:
		t.where = "(not traced)"
	}
	if kept {
		s.trace[n-1].To, s.trace[n-1].Why = t.where, why
	}
	if s.opts.Log && !s.logFull() {
		ev := Event{Task: t.id, Steps: s.steps, Why: why, Where: t.where}
		if w != nil {
			if ev.Where == "(not traced)" {
				ev.Where = label(w)
			}
			if w.Step != nil {
				ev.Step = w.Step(true)
			}
		}
		s.log = append(s.log, ev)
	}
	if s.running == t {
		s.running = nil
	}
}

// startStretch records that t begins a stretch whose step is st (see
// Stretch), under Options.Reduce, until the run is given up. s.mu is
// held.
func (s *Scheduler) startStretch(t *task, st eml.Step) { s.startStretchWoke(t, st, false) }

// startStretchWoke is startStretch, for a stretch that begins with t's
// start or a wake-up (woke; Stretch.Woke).
func (s *Scheduler) startStretchWoke(t *task, st eml.Step, woke bool) {
	if !s.opts.Stretches || s.err != nil {
		return
	}
	choice := -1
	if n := len(s.choices); n > s.seen {
		choice, s.seen = n-1, n
	}
	s.stretches = append(s.stretches, Stretch{Task: t.id, Choice: choice, Step: stretchStep(st), Woke: woke})
	s.notes = 0
}

// Stretches returns the run's stretches (Options.Stretches), then one
// Pending stretch for each task that could still run when the run
// ended.
func (s *Scheduler) Stretches() []Stretch {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := append([]Stretch(nil), s.stretches...)
	for _, t := range s.tasks {
		if t.state == runnable {
			// Its step as it was when it stopped: what it touches may
			// have changed since, so it counts as touching anything.
			out = append(out, Stretch{Task: t.id, Choice: -1, Pending: true})
		}
	}
	return out
}

// logFull reports whether the log holds LogLimit events. s.mu is held.
func (s *Scheduler) logFull() bool {
	limit := s.opts.LogLimit
	if limit <= 0 {
		limit = 1_000_000
	}
	return len(s.log) >= limit
}

// traceFull reports whether the trace holds TraceLimit runs. s.mu is held.
func (s *Scheduler) traceFull() bool {
	return len(s.trace) >= s.traceLimit()
}

func (s *Scheduler) traceLimit() int {
	if s.opts.TraceLimit > 0 {
		return s.opts.TraceLimit
	}
	return defaultTraceLimit
}

// defaultTraceLimit bounds the runs a trace keeps: a table longer than
// this is read by nobody, and recording it costs the run.
const defaultTraceLimit = 10000

// handOff gives the baton to next; with none, the scheduler is idle, and
// if some task is parked for good the run is deadlocked. Once the run is
// given up, next is ignored: the baton goes to the next task to unwind.
// s.mu is held.
func (s *Scheduler) handOff(next *task) {
	if s.err == nil && next == nil && s.anyParked() {
		s.giveUp(s.deadlock())
	}
	if s.err != nil {
		next = s.nextToUnwind()
	}
	if next != nil {
		s.grant(next)
		return
	}
	s.running = nil
	s.idle.Broadcast()
}

// anyParked reports whether some task waits for an Unpark or a deadline.
// s.mu is held.
func (s *Scheduler) anyParked() bool {
	for _, t := range s.tasks {
		if t.state == parked {
			return true
		}
	}
	return false
}

// giveUp ends the run with err. The tasks then unwind -- every call into
// the Scheduler panics with an eml.Abort -- and they unwind one at a time,
// in task order, as they ran: the baton passes on as each one's goroutine
// ends or leaves, so unwinding code (deferred releases, decrefs) never
// runs beside other runtime code, which under the gil policy's plain
// counts would race. The task holding the baton keeps it to unwind first;
// if none does, the next handOff grants it. s.mu is held.
func (s *Scheduler) giveUp(err error) {
	if s.err != nil {
		return
	}
	s.err = err
	s.idle.Broadcast() // goroutines waiting in Enter abort before attaching
}

// nextToUnwind returns the first task still to unwind: one that was
// waiting for its turn, parked or runnable. s.mu is held.
func (s *Scheduler) nextToUnwind() *task {
	for _, t := range s.tasks {
		if t.state == runnable || t.state == parked {
			if t.state == parked && t.timed {
				s.sleepers--
			}
			t.parkedOn = nil
			return t
		}
	}
	return nil
}

// Deadlock is the error of a run in which no thread could run while some
// waited: every task, what state it was in, and where it stopped (which
// names what it waits for).
type Deadlock struct {
	Threads []ThreadState
}

// ThreadState is one task in a Deadlock report.
type ThreadState struct {
	Name, State, Where string
}

func (d *Deadlock) Error() string {
	var b strings.Builder
	b.WriteString("deadlock: no thread can run")
	for _, t := range d.Threads {
		fmt.Fprintf(&b, "\n  %s: %s at %s", t.Name, t.State, t.Where)
	}
	return b.String()
}

func (s *Scheduler) deadlock() error {
	d := &Deadlock{}
	for _, t := range s.tasks {
		if t.state == done {
			continue
		}
		d.Threads = append(d.Threads, ThreadState{Name: t.name, State: stateNames[t.state], Where: t.where})
	}
	sort.SliceStable(d.Threads, func(i, j int) bool { return d.Threads[i].State > d.Threads[j].State })
	return d
}

// Stop gives the run up from outside it (an interrupt): the running
// thread unwinds at its next scheduling point, and Err reports err.
func (s *Scheduler) Stop(err error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.giveUp(err)
}

// Err returns why the run was given up (a *Deadlock, the step limit, a
// chooser panic), or nil.
func (s *Scheduler) Err() error {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.err
}

// Diverged returns an error if a choice did not fit its choice point (a
// replayed schedule recorded for another run), or nil.
func (s *Scheduler) Diverged() error {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.diverged
}

// Choices returns the decisions taken so far: the schedule, which a
// Replay chooser follows to reproduce the run.
func (s *Scheduler) Choices() []int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]int(nil), s.choices...)
}

// Trace returns the runs the trace kept and the tasks' names (Run.Task
// indexes them), and how many runs came after the trace was full.
func (s *Scheduler) Trace() (runs []Run, tasks []string, untraced int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	names := make([]string, len(s.tasks))
	for i, t := range s.tasks {
		names[i] = t.name
	}
	return append([]Run(nil), s.trace...), names, s.untraced
}

// Counts returns the scheduling points passed and the preemptions taken.
func (s *Scheduler) Counts() (steps int64, preemptions int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.steps, s.preemptions
}

// Log returns the run's log (Options.Log).
func (s *Scheduler) Log() []Event {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]Event(nil), s.log...)
}

// ChooserPanic returns the panic the Chooser raised, if it did.
func (s *Scheduler) ChooserPanic() any {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.chooserPanic
}
