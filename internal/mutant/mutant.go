// Package mutant is the switchboard of the mutation harness
// (tests/mutation): each mutant is a small deliberate bug in the lock,
// the reference counts, core's critical sections, the extension boundary
// or the deterministic scheduler, compiled in only with the `mutant`
// build tag and selected at run time by the RWGIL_MUTANT environment
// variable. The guarantee suite (package tests) must fail, by an
// assertion, under each one.
//
// A mutant is a one-line switch at the place it breaks:
//
//	if mutant.On(mutant.STWNoWait) { ... the broken code ... }
//
// Without the tag On is a constant false that the compiler folds away,
// so an ordinary build carries no trace of the mutants. With the tag,
// On(name) is true for the one mutant RWGIL_MUTANT names; an unknown
// name panics at the first On, so a misspelt mutant cannot pass for one
// that the suite tolerates.
package mutant

// The mutants. Each constant is the value of RWGIL_MUTANT that turns it
// on; All describes them, in the harness's order.
const (
	// STWNoWait: a stop-the-world does not wait for attached threads to
	// reach a safe point (it suspends only the detached ones).
	STWNoWait = "eml-stw-no-wait"
	// STWNoResumers: a stop does not first let the threads the last stop
	// parked resume (the G8 mechanism, step 3 of eml's protocol). It is
	// eml.Bugs.NoResumeTurn (CPython's gh-151518, a scenario of package
	// schedule), switched on in every lock eml.New makes: one mechanism
	// for the scenario and the mutant.
	STWNoResumers = "eml-stw-no-resumers"
	// RestartBeforeClear: the restart releases the suspended threads
	// before it clears the stop bit.
	RestartBeforeClear = "eml-restart-before-clear"
	// SafePointNoPark: a safe point does not park for a stop.
	SafePointNoPark = "eml-safepoint-no-park"
	// BlockingNoRepromote: a promoted thread that leaves a blocking
	// section does not stop the world again.
	BlockingNoRepromote = "eml-blocking-no-repromote"
	// GILNoDrop: a GIL holder never hands the GIL over at a safe point.
	GILNoDrop = "eml-gil-no-drop"
	// StickyNoSwitch: the sticky policy's switch to the GIL does nothing.
	StickyNoSwitch = "eml-sticky-no-switch"
	// BiasedPublishFirst: a biased merge publishes the merged count before
	// it clears the owner fields (CPython's gh-119999).
	BiasedPublishFirst = "refcount-biased-publish-first"
	// BiasedLoadThenStore: the owner's zero check is a load and then a
	// store instead of one compare-and-swap (CPython's gh-117657).
	BiasedLoadThenStore = "refcount-biased-load-then-store"
	// BiasedEnqueueLost: a reference another thread hands a biased
	// object's owner (by queueing the object) is never queued.
	BiasedEnqueueLost = "refcount-biased-enqueue-lost"
	// CriticalNoLock: a critical section does not lock its object.
	CriticalNoLock = "core-critical-no-lock"
	// UnportedNoPromote: a call into an unported module does not promote.
	UnportedNoPromote = "ext-unported-no-promote"
	// CallbackNoRepromote: under Callbacks = drop, a callback does not
	// promote again after it returns to the extension.
	CallbackNoRepromote = "ext-callback-no-repromote"
	// PanicSwallowed: a panic in extension code returns None instead of
	// raising RuntimeError.
	PanicSwallowed = "ext-panic-swallowed"
	// SwitchPointNoYield: under a Sequencer, the eval loop offers no switch
	// between two instructions that are not safe points.
	SwitchPointNoYield = "sched-switchpoint-no-yield"
	// RapidNeverSwitches: the rapid chooser never preempts a thread that
	// could go on.
	RapidNeverSwitches = "sched-rapid-never-switches"
	// InterpShareNotCopy: a value crossing interpreters is shared (the
	// sender's object itself) instead of copied.
	InterpShareNotCopy = "core-interp-share-not-copy"
)

// Mutant describes one mutant.
type Mutant struct {
	// Name is its RWGIL_MUTANT value.
	Name string
	// Where is the file and function it changes.
	Where string
	// What is the bug, in a line.
	What string
	// Tests is the -run pattern of the guarantee-suite tests meant to
	// catch it (the harness runs those, or all of ./tests with -all),
	// without -race: an assertion must catch it, not the race detector.
	Tests string
}

// All are the mutants, in the harness's order.
var All = []Mutant{
	{STWNoWait, "eml/lock.go stopTheWorld", "a stop-the-world does not wait for attached threads", "^TestG1ExclusiveCall$/^eml$"},
	{STWNoResumers, "eml/lock.go stopTheWorld (Bugs.NoResumeTurn)", "a stop does not wait for the threads the last stop parked (G8)", "^TestG8ParkedThreadRunsBeforeNextStop$"},
	{RestartBeforeClear, "eml/lock.go startTheWorld", "the restart releases threads before clearing the stop bit", "^TestGuarantees$/^G1$/^eml$/^deterministic$"},
	{SafePointNoPark, "eml/thread.go pollSlow", "a safe point does not park for a stop", "^TestG8ParkedThreadRunsBeforeNextStop$"},
	{BlockingNoRepromote, "eml/thread.go Blocking", "a promoted thread leaving a blocking section does not stop the world again", "^TestG1ExclusiveCall$/^eml$"},
	{GILNoDrop, "eml/lock.go dropDue", "a GIL holder never hands the GIL over at a safe point", "^TestGuarantees$/^G3b$/^gil$/^deterministic$"},
	{StickyNoSwitch, "eml/thread.go EnableGIL", "sticky's switch to the GIL does nothing", "^TestG9StickyFreeThenGIL$"},
	{BiasedPublishFirst, "refcount/biased.go mergeAll, mergeZero", "a biased merge publishes the count before clearing the owner (gh-119999)", "^TestG6MergeRacesLastDecref$"},
	{BiasedLoadThenStore, "refcount/biased.go mergeZero", "the owner's zero check is a load then a store (gh-117657)", "^TestG6TryIncrefRacesLastDecref$/^biased$"},
	{BiasedEnqueueLost, "refcount/biased.go enqueue", "a reference handed to a biased object's owner is never queued", "^TestGuarantees$/^G6$/^eml$/^deterministic$"},
	{CriticalNoLock, "core/critical.go beginCS, endCS", "a critical section does not lock its object", "^TestCriticalSectionsExclude$"},
	{UnportedNoPromote, "core/extension.go CallExtension", "a call into an unported module does not promote", "^TestG1ExclusiveCall$/^eml$"},
	{CallbackNoRepromote, "core/extension.go callback", "a drop-mode callback does not promote again after it returns", "^TestGuarantees$/^G5$/^eml$/^deterministic$"},
	{PanicSwallowed, "core/extension.go CallExtension", "a panic in extension code returns None, raising nothing", "^TestGuarantees$/^G7$/^eml$/^deterministic$"},
	{SwitchPointNoYield, "core/sequencing.go switchPoint", "no switch between two instructions under a Sequencer", "^TestGuarantees$/^G3a$/^eml$/^deterministic$"},
	{RapidNeverSwitches, "schedule/chooser.go rapidChooser", "the rapid chooser never preempts", "^TestGuarantees$/^G3a$/^free$/^deterministic$"},
	{InterpShareNotCopy, "core/xidata.go ToShared", "a value crossing interpreters is shared, not copied", "^TestG10Isolation$/^gil$/^real$"},
}

// Known reports whether name is one of All.
func Known(name string) bool {
	for _, m := range All {
		if m.Name == name {
			return true
		}
	}
	return false
}

// Env is the environment variable that selects the mutant.
const Env = "RWGIL_MUTANT"
