// Package schedule runs rwgil threads one at a time, in an order a
// Chooser decides, so that a concurrency failure can be replayed and
// shrunk like any other test input.
//
// Go cannot do this for goroutines in general: the Go scheduler decides
// interleavings, and a failure found with real goroutines neither replays
// nor shrinks. rwgil threads, though, only interact at points the runtime
// owns -- between instructions, at safe points, in lock waits and
// releases, in blocking calls, and where extension code calls Yield -- so
// a scheduler that holds every thread but one at those points decides
// the whole interleaving. Scheduler implements eml.Sequencer for that:
// give it to core.Config.Scheduler (RunProgram does), and every thread
// the runtime starts runs only while it holds the Scheduler's baton.
//
// # Scheduling points and choices
//
// Under a Scheduler, a thread that is not running alone (holding the GIL,
// or having stopped the world) passes a scheduling point between every
// two instructions, which models free threading: any other thread may run
// there. A GIL holder passes one only at safe points, where the Chooser
// decides whether it hands the GIL over. Lock waits park the thread until
// the lock's release unparks it; sleeps and timed waits take virtual time
// (Options.Quantum per scheduling point) and never real time; real network
// I/O is refused with an OSError, since the Scheduler could not see it.
//
// At each scheduling point with more than one thread able to run, the
// Scheduler asks its Chooser (Random for a seeded PRNG, PCT for
// probabilistic concurrency testing with its bound on finding a bug of a
// given depth, Rapid to let pgregory.net/rapid draw and shrink the
// schedule, Replay to follow a recorded one) and records the answer. Answer 0 always means "no
// switch", so the recorded choices are the schedule: Replay(choices)
// reproduces the run exactly -- the same output, the same final state --
// and FormatChoices/ParseChoices store it in a file (as runs of equal
// choices, in the file and in memory). Options.PreemptionBound
// limits how many times a run may switch away from a thread that could go
// on, the bound that model checkers use to find bugs with few switches.
//
// # Exploring every schedule
//
// Explore runs a program under every schedule with at most P
// preemptions, bound by bound, with a partial-order reduction that stays
// sound under the bound (it skips switches before instructions that touch
// only the running thread's own state; ExploreOptions.DPOR adds a
// dynamic reduction keyed by the objects each step touches, with BPOR's
// extra backtrack points, see explore.go), and reports the first failing
// schedule or that all were verified. Options.Log records every step of a
// run -- the instruction, the value on top of the stack, the extension
// function -- and Explain turns it into a report that explains a
// failure: the threads that took part, the reads and writes of shared
// state with their values, the switch that broke it, a verdict in words.
//
// # Failures
//
// If no thread can run while some wait, the run is deadlocked: the
// Scheduler unwinds every thread -- one at a time, as they ran, so that
// unwinding code never races -- and reports a *Deadlock naming each
// thread, where it stopped and what it waits for (a lock and its holder,
// a thread it joins). A run past Options.MaxSteps is given up the same
// way. Table renders a run as an interleaving table, one column per
// thread and one row per stretch that a thread ran, so a failure reads as
// the story of how it happened.
package schedule
