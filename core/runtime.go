package core

import (
	"errors"
	"fmt"
	"hash/maphash"
	"io"
	"os"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/rwgil/rwgil/eml"
	"github.com/rwgil/rwgil/refcount"
)

// CallbackMode says what the lock does while an unported extension calls
// back into core code.
type CallbackMode uint8

const (
	// CallbacksDrop demotes the thread to shared for the callback and
	// promotes it again when the callback returns: the GIL-equivalent
	// behaviour, since under the GIL a callback's bytecode can switch.
	CallbacksDrop CallbackMode = iota
	// CallbacksHold keeps the thread exclusive through the callback.
	CallbacksHold
)

var callbackNames = [...]string{CallbacksDrop: "drop", CallbacksHold: "hold"}

func (m CallbackMode) String() string {
	if int(m) < len(callbackNames) {
		return callbackNames[m]
	}
	return fmt.Sprintf("CallbackMode(%d)", m)
}

// ParseCallbackMode parses "drop" or "hold".
func ParseCallbackMode(s string) (CallbackMode, error) {
	for i, n := range callbackNames {
		if s == n {
			return CallbackMode(i), nil
		}
	}
	return 0, fmt.Errorf("unknown callback mode %q (want drop or hold)", s)
}

// SafePointMode says where the eval loop polls.
type SafePointMode uint8

const (
	// SafePointsCalls polls where CPython does: at backward jumps, calls
	// and function entry. This placement is semantics: it decides which
	// non-atomic sequences can interleave under the GIL (docs/design.md, G3).
	SafePointsCalls SafePointMode = iota
	// SafePointsEvery polls before every instruction.
	SafePointsEvery
)

var safePointNames = [...]string{SafePointsCalls: "calls", SafePointsEvery: "every"}

func (m SafePointMode) String() string {
	if int(m) < len(safePointNames) {
		return safePointNames[m]
	}
	return fmt.Sprintf("SafePointMode(%d)", m)
}

// ParseSafePointMode parses "calls" or "every".
func ParseSafePointMode(s string) (SafePointMode, error) {
	for i, n := range safePointNames {
		if s == n {
			return SafePointMode(i), nil
		}
	}
	return 0, fmt.Errorf("unknown safe-point mode %q (want calls or every)", s)
}

// Config configures a Runtime. The zero value is the eml policy with
// biased reference counting.
type Config struct {
	Policy eml.Policy
	// Refcount is the reference-count strategy; zero means plain under
	// the gil policy and biased otherwise. Plain is refused under every
	// other policy: its counts are not atomic.
	Refcount       refcount.Kind
	Mutex          eml.MutexKind
	SwitchInterval time.Duration
	Priorities     bool
	// Callbacks is what the lock does while unported code calls back.
	Callbacks CallbackMode
	// Strict makes the free policy refuse to import an extension module
	// that is not ported, instead of running it unprotected.
	Strict bool
	// RecursionLimit bounds the depth of Python calls; zero means 1000.
	RecursionLimit int
	// MaxMemory is the runtime's memory budget in bytes: an allocation
	// that would take its objects past it raises MemoryError. Zero means
	// DefaultMaxMemory(); a negative value means no budget. (Under the
	// immortal and none refcount strategies nothing is freed, and the
	// budget is not enforced.)
	MaxMemory int64
	// SafePoints is where the eval loop polls.
	SafePoints SafePointMode
	// Scheduler decides who runs when threads wait; nil means real
	// goroutines.
	Scheduler eml.Scheduler
	// Trace emits runtime/trace regions (see eml.Config.Trace).
	Trace bool
	// TrackObjects keeps every live object in a registry, so that Close
	// can name each leaked object rather than count them. For tests.
	TrackObjects bool
	// Watchdog, if positive, makes Exec watch a program run with real
	// goroutines: when every thread has been blocked (on a lock, a join or
	// a critical section) for that long, where each one is goes to Stderr
	// (Runtime.DumpThreads), once until one moves. Zero means off.
	Watchdog time.Duration
	// Stdout receives print(); nil means os.Stdout.
	Stdout io.Writer
	// Stdin is what input() reads; nil means os.Stdin.
	Stdin io.Reader
	// Stderr receives the tracebacks of threads that end with an
	// exception; nil means os.Stderr.
	Stderr io.Writer
	// PrintExit makes Exec write what the main thread's end prints
	// (Result.Exception: the traceback of an uncaught exception, a
	// SystemExit's message) to Stderr as soon as the main thread ends,
	// before it waits for the program's other threads, as CPython prints
	// it before joining its threads at exit: a program whose thread never
	// ends still shows why its main thread did. Result.Exception still
	// holds it.
	PrintExit bool
	// CaretAnchors places the ~~~^^^ of tracebacks' caret lines under
	// binary operators and subscripts; the Python front end supplies it
	// (it needs a parser), and without it the carets are plain ^^^.
	CaretAnchors CaretAnchors
	// Source gives tracebacks the text of a program file, when it is not
	// to be read from disk by its name (a program from standard input, a
	// harness that compiled source it holds); ok false: no source lines.
	// nil means os.ReadFile.
	Source func(filename string) (src []byte, ok bool)
	// Argv is sys.argv: the program as it was named and its arguments
	// (`rwgil run prog.py a b`: prog.py, a, b). nil means [""], as
	// CPython's sys.argv with no script.
	Argv []string
	// HashSeed fixes the hash of str and bytes objects, as PYTHONHASHSEED
	// fixes CPython's: the same hash() and the same order of sets and of
	// str-keyed tables in every run with one seed, for reproducible
	// output and instruction counts. nil hashes under a random seed per
	// runtime (hash randomization), as CPython does by default. The
	// values are rwgil's, not CPython's (it hashes with FNV-1a, not
	// SipHash). Under a Sequencer hashing is fixed even without one
	// (seed 0), so that every run of a schedule hashes alike.
	HashSeed *uint32
	// CheckIsolation makes every reference-count operation check that
	// the thread and the object belong to the same interpreter: a
	// violation is recorded, naming both, and makes Close fail
	// (docs/interpreters.md). It costs an indirection on every count.
	CheckIsolation bool
	// NoImmortalize keeps counting references to the program's
	// module-level functions, classes and modules after its first thread
	// starts. By default, under the biased strategy, they are made
	// immortal then, as CPython 3.13's free-threaded build does, so that
	// threads calling the same functions do not contend on their counts
	// (docs/refcount.md); the other strategies never do it.
	NoImmortalize bool
	// EnsureAcross is what Ensure for one interpreter does on a
	// goroutine that holds the lock of another interpreter sharing it
	// (EnsureFrom; Sitbon's problem).
	EnsureAcross EnsureMode
}

// DefaultRecursionLimit is CPython's default sys.getrecursionlimit().
const DefaultRecursionLimit = 1000

func (c Config) withDefaults() (Config, error) {
	if c.Refcount == 0 {
		c.Refcount = refcount.Biased
		if c.Policy == eml.PolicyGIL {
			c.Refcount = refcount.Plain
		}
	}
	if _, err := refcount.ParseKind(c.Refcount.String()); err != nil {
		return c, fmt.Errorf("core: %v", err)
	}
	if c.Refcount == refcount.Plain && c.Policy != eml.PolicyGIL {
		return c, fmt.Errorf("core: the plain refcount strategy is only valid under the gil policy: its counts are not atomic, and under %v several threads run at once", c.Policy)
	}
	if int(c.Callbacks) >= len(callbackNames) {
		return c, fmt.Errorf("core: unknown callback mode %d", c.Callbacks)
	}
	if int(c.SafePoints) >= len(safePointNames) {
		return c, fmt.Errorf("core: unknown safe-point mode %d", c.SafePoints)
	}
	switch {
	case c.RecursionLimit == 0:
		c.RecursionLimit = DefaultRecursionLimit
	case c.RecursionLimit < 0:
		return c, fmt.Errorf("core: negative recursion limit %d", c.RecursionLimit)
	case c.RecursionLimit > MaxRecursionLimit():
		return c, fmt.Errorf("core: %w", recursionLimitError(c.RecursionLimit))
	}
	if c.MaxMemory == 0 {
		c.MaxMemory = DefaultMaxMemory()
	}
	if c.Stdout == nil {
		c.Stdout = os.Stdout
	}
	return c, nil
}

// Runtime is one interpreter: its lock, its reference-count strategy, its
// types and singletons, its modules. Several runtimes may live in one
// process; their objects must never meet.
type Runtime struct {
	cfg  Config
	lock *eml.Lock
	seq  eml.Sequencer // cfg.Scheduler, if it runs one thread at a time
	// serials numbers objects for id() when seq is set.
	serials serialIDs
	rc      refcount.Strategy
	seed    maphash.Seed // string hashing
	// fixedHash: str and bytes hash with FNV-1a from fixedBasis instead
	// of maphash (Config.HashSeed, or a Sequencer).
	fixedHash  bool
	fixedBasis uint64
	types      builtinTypes
	ev         evalTypes // the eval loop's types (evaltypes.go)

	// sys is the state the sys module reads and sets (sysstate.go).
	sys sysState

	// Immortal singletons.
	None, True, False, NotImplemented Object
	smallInts                         [smallIntMax - smallIntMin + 1]*Int
	emptyTuple                        *Tuple
	emptyStr                          *Str
	Ellipsis                          Object
	emptyBytes                        *Bytes
	// objectNew and excNew are object.__new__ and BaseException.__new__,
	// which instantiate recognizes.
	objectNew, excNew *Builtin

	internMu sync.Mutex
	interned map[string]*Str
	// internSlab is where Intern's next strs come from (str.go),
	// typeSlab newBuiltinType's next types (types.go).
	internSlab []Str
	typeSlab   []Type

	// Modules: the import registry (sys.modules) and the native module
	// loaders that IMPORT_NAME consults for a name not yet imported.
	modMu   sync.Mutex
	modules map[string]*Module
	loaders map[string]ModuleLoader
	// builtins is the module LOAD_GLOBAL falls back to.
	builtins *Module

	threadMu sync.Mutex
	threads  map[*Thread]struct{} // open threads
	closed   bool

	nextTypeID atomic.Int32
	// typeByID maps type ids to types for leak reports; written under
	// typeMu when a type is created.
	typeMu   sync.Mutex
	typeByID []*Type

	// Counts of closed threads, folded in when they close.
	closedLive []int64

	tracked sync.Map // Object -> struct{}, when cfg.TrackObjects

	// immortalizeOn: the runtime immortalizes the program's named
	// objects when its first thread starts (immortalize.go); set once by
	// NewRuntime. immortalized is set by the first thread start, which
	// then fills immortals with every object it made immortal, for
	// Close; nothing else touches immortals before Close.
	immortalizeOn bool
	immortalized  atomic.Bool
	immortals     []Object

	codes codeCache
	// sources are the lines of the files tracebacks show.
	sources sourceCache
	// classCells maps a class to its __classcell__ (owned), which holds
	// the class without a reference (see Cell).
	classCells sync.Map

	mem memBudget
	// tcache is the type attribute cache (typecache.go).
	tcache typeCache
	// gcache is the global cache of LOAD_GLOBAL (globalcache.go).
	gcache globalCache
	// stdin reads Config.Stdin for input().
	stdin stdinReader
	// execMain is the main thread of the program Exec runs, for Interrupt.
	execMain atomic.Pointer[Thread]
	// mainEnded is set when the main module of the program Exec runs has
	// returned (the program then waits for its other threads).
	mainEnded atomic.Bool

	reportMu sync.Mutex
	reports  []*refcount.Report

	// Threads started by thread.start.
	spawned      sync.WaitGroup
	threadSerial atomic.Int64
	goSerial     atomic.Int64 // numbers Go's goroutines
	// goRunning maps the goroutines Go started, by goroutine number, to
	// the threads they made with Ensure and have not released.
	goMu         sync.Mutex
	goRunning    map[int64][]*Thread
	lockSerial   atomic.Int64 // numbers thread.Lock and RLock objects
	threadErrors atomic.Int64
	// threadErrReports keeps the latest reports of threads that ended
	// with an exception, for Exec's Result.
	threadErrMu      sync.Mutex
	threadErrReports []threadErrReport
	nextIdent        atomic.Int64
	// brokenBarrier is threading.BrokenBarrierError (sync.go).
	brokenBarrier *Type
	// interp is the runtime's place among its process's interpreters
	// (interp.go).
	interp interpState
	// joinFn is the thread module's join, once imported: its calls have
	// a footprint (sequencing.go).
	joinFn atomic.Pointer[Builtin]
}

// ModuleLoader makes a native module on first import: it returns a new
// reference to the module. Extensions register loaders with
// Runtime.AddModuleLoader.
type ModuleLoader func(th *Thread, name string) (*Module, error)

// NewRuntime returns a runtime for cfg, or an error naming the bad field.
//
// The runtime is the main interpreter of a process of its own
// (Runtime.NewInterpreter makes more).
func NewRuntime(cfg Config) (*Runtime, error) {
	rt, err := newRuntime(cfg, nil, nil)
	if err != nil {
		return nil, err
	}
	rt.initMainInterp()
	return rt, nil
}

// internedAtStart is room for the names a new runtime interns (its
// types' attributes, the builtins), so that the map does not grow while
// the runtime starts.
const internedAtStart = 1024

// newRuntime makes a runtime with a new lock, or on lock if it is not nil
// (an interpreter sharing another's lock). A new lock parks its Mutex
// waiters with parkWith's, if not nil (eml.Config.ParkWith: the
// interpreters of a process share one parking lot).
func newRuntime(cfg Config, lock, parkWith *eml.Lock) (*Runtime, error) {
	cfg, err := cfg.withDefaults()
	if err != nil {
		return nil, err
	}
	if int(cfg.EnsureAcross) >= len(ensureModeNames) {
		return nil, fmt.Errorf("core: unknown Ensure mode %d", cfg.EnsureAcross)
	}
	if lock == nil {
		lock, err = eml.New(eml.Config{
			Policy:         cfg.Policy,
			SwitchInterval: cfg.SwitchInterval,
			Mutex:          cfg.Mutex,
			Priorities:     cfg.Priorities,
			Scheduler:      cfg.Scheduler,
			Trace:          cfg.Trace,
			ParkWith:       parkWith,
		})
		if err != nil {
			return nil, fmt.Errorf("core: %w", err)
		}
	}
	rt := &Runtime{
		cfg:      cfg,
		lock:     lock,
		seed:     maphash.MakeSeed(),
		interned: make(map[string]*Str, internedAtStart),
		modules:  make(map[string]*Module),
		loaders:  make(map[string]ModuleLoader),
		threads:  make(map[*Thread]struct{}),
	}
	rt.goRunning = make(map[int64][]*Thread)
	rt.typeByID = make([]*Type, 0, 256) // the built-in types and then some
	rt.seq, _ = cfg.Scheduler.(eml.Sequencer)
	rt.fixedHash, rt.fixedBasis = rt.seq != nil, fnvOffset
	if cfg.HashSeed != nil {
		rt.fixedHash = true
		rt.fixedBasis = fnvOffset ^ uint64(*cfg.HashSeed)*fnvPrime
	}
	rt.mem.machine = machineMemory()
	if cfg.MaxMemory > 0 && cfg.Refcount != refcount.Immortal && cfg.Refcount != refcount.None {
		rt.mem.limit = cfg.MaxMemory
	}
	rt.rc = refcount.New(cfg.Refcount, rt.report)
	if cfg.CheckIsolation {
		rt.rc = isolationChecker{rt.rc}
	}
	_, checked := rt.rc.(isolationChecker)
	rt.immortalizeOn = cfg.Refcount == refcount.Biased && !cfg.NoImmortalize && !checked
	rt.initTypes()
	rt.setBasicSizes()
	rt.initSingletons()
	rt.initBuiltins()
	rt.initEvalTypes()
	rt.initSyncTypes()
	rt.initSysState()
	return rt, nil
}

// Config returns the runtime's configuration, defaults filled in.
func (rt *Runtime) Config() Config { return rt.cfg }

// Lock returns the runtime's extension module lock.
func (rt *Runtime) Lock() *eml.Lock { return rt.lock }

// Refcount returns the runtime's reference-count strategy.
func (rt *Runtime) Refcount() refcount.Strategy { return rt.rc }

// report records a refcount misuse report: a use after free or a count
// below zero. These are fatal bugs of the runtime, collected for Close
// and Stats rather than crashing the process.
func (rt *Runtime) report(r *refcount.Report) {
	rt.reportMu.Lock()
	rt.reports = append(rt.reports, r)
	rt.reportMu.Unlock()
}

// Reports returns the refcount misuse reports raised so far.
func (rt *Runtime) Reports() []*refcount.Report {
	rt.reportMu.Lock()
	defer rt.reportMu.Unlock()
	return append([]*refcount.Report(nil), rt.reports...)
}

// AddModuleLoader makes name importable: the first IMPORT_NAME of it calls
// load. A name already registered or already imported is an error.
func (rt *Runtime) AddModuleLoader(name string, load ModuleLoader) error {
	if load == nil {
		return fmt.Errorf("core: the loader of module %q is nil", name)
	}
	if name == "" {
		return errors.New("core: a module needs a name")
	}
	rt.threadMu.Lock()
	closed := rt.closed
	rt.threadMu.Unlock()
	if closed {
		return fmt.Errorf("core: AddModuleLoader(%q): %w", name, ErrRuntimeClosed)
	}
	if !rt.IsMainInterpreter() {
		load = checkedLoader(name, load) // its InterpSupport decides (interp.go)
	}
	rt.modMu.Lock()
	defer rt.modMu.Unlock()
	if _, ok := rt.loaders[name]; ok {
		return fmt.Errorf("core: a module named %q is already registered", name)
	}
	if _, ok := rt.modules[name]; ok {
		return fmt.Errorf("core: a module named %q is already imported", name)
	}
	rt.loaders[name] = load
	return nil
}

// Stats is a snapshot of a runtime's counters.
type Stats struct {
	Lock     eml.Stats
	Refcount refcount.Stats
	// Live counts the objects alive now that are not immortal, by type
	// name (user classes by their name); it is exact only when no thread
	// is running.
	Live map[string]int64
	// Reports counts refcount misuse reports (use after free, negative
	// counts): each one is a bug of the runtime.
	Reports int
	// Memory is what the runtime's objects are charged against its budget
	// now (with the threads' reserves), MemoryPeak the most it reached,
	// MemoryLimit the budget; all 0 when no budget is enforced.
	Memory, MemoryPeak, MemoryLimit int64
}

// LiveTotal sums Live.
func (s Stats) LiveTotal() int64 {
	var n int64
	for _, c := range s.Live {
		n += c
	}
	return n
}

// Stats returns the runtime's counters.
func (rt *Runtime) Stats() Stats {
	s := Stats{Lock: rt.lock.Stats(), Refcount: rt.rc.Stats(), Live: rt.live()}
	if rt.memOn() {
		s.Memory, s.MemoryPeak, s.MemoryLimit = rt.mem.used.Load(), rt.mem.peak.Load(), rt.mem.limit
	}
	rt.reportMu.Lock()
	s.Reports = len(rt.reports)
	rt.reportMu.Unlock()
	return s
}

// live is Stats.Live.
func (rt *Runtime) live() map[string]int64 {
	live := make(map[string]int64)
	counts := rt.liveCounts()
	rt.typeMu.Lock()
	for id, n := range counts {
		if n != 0 && id < len(rt.typeByID) {
			live[rt.typeByID[id].name] += n
		}
	}
	rt.typeMu.Unlock()
	return live
}

// liveCounts sums the per-thread live-object counts by type id.
func (rt *Runtime) liveCounts() []int64 {
	rt.threadMu.Lock()
	defer rt.threadMu.Unlock()
	sum := append([]int64(nil), rt.closedLive...)
	for th := range rt.threads {
		for id, n := range th.live.snapshot() {
			for len(sum) <= id {
				sum = append(sum, 0)
			}
			sum[id] += n
		}
	}
	return sum
}

// ErrOpenThreads is wrapped by the error Close returns when threads of
// the runtime are still open (each must be closed first); the runtime
// stays open.
var ErrOpenThreads = errors.New("threads still open")

// ErrLeaks is wrapped by the error Close returns when objects are still
// alive after it has cleared every module.
var ErrLeaks = errors.New("objects still alive")

// ErrRefcountReports is wrapped by the error Close returns when the
// refcount strategy reported misuse (use after free, counts below zero).
var ErrRefcountReports = errors.New("refcount misuse reported")

// Close shuts the runtime down: every thread must be closed. It clears
// the modules (dropping the references they hold), and then reports every
// object still alive that is not immortal -- a leak, or a reference cycle:
// rwgil has no cycle collector -- and every refcount misuse report. The
// main interpreter closes its open children first (reporting what their
// Close reports); a child that is running code for another interpreter
// refuses to close (ErrInterpreterRunning). With Config.CheckIsolation,
// the isolation violations found in the process make it fail too.
func (rt *Runtime) Close() error {
	childErr, err := rt.closeInterp()
	if err != nil {
		return err
	}
	rt.threadMu.Lock()
	if rt.closed {
		rt.threadMu.Unlock()
		return fmt.Errorf("core: Close: %w already", ErrRuntimeClosed)
	}
	if n := len(rt.threads); n > 0 {
		rt.abortClose()
		names := make([]string, 0, n)
		for th := range rt.threads {
			names = append(names, th.name)
		}
		rt.threadMu.Unlock()
		sort.Strings(names)
		return fmt.Errorf("core: Close: %w: %d: %s", ErrOpenThreads, n, strings.Join(names, ", "))
	}
	rt.closed = true
	rt.threadMu.Unlock()

	// Clear module state on a thread of our own.
	th := rt.newThread("runtime-close", true)
	if err := th.Attach(); err != nil {
		return err
	}
	rt.modMu.Lock()
	mods := rt.modules
	rt.modules = map[string]*Module{}
	rt.modMu.Unlock()
	names := make([]string, 0, len(mods))
	for name := range mods {
		names = append(names, name)
	}
	sort.Strings(names)
	for _, name := range names {
		mods[name].dict.clear(th)
		th.Decref(mods[name])
	}
	rt.builtins.dict.clear(th)
	rt.releaseImmortals(th)
	th.exitAttached()
	if err := th.Detach(); err != nil {
		return err
	}
	if err := th.close(); err != nil {
		return err
	}

	rt.leaveGroup()
	var errs []error
	if childErr != nil {
		errs = append(errs, childErr)
	}
	if v := rt.isolationViolations(); v != "" {
		errs = append(errs, fmt.Errorf("%w: %s", ErrIsolation, v))
	}
	// Under immortal and none nothing is ever deallocated: what is left
	// alive is not a leak.
	counted := rt.cfg.Refcount != refcount.Immortal && rt.cfg.Refcount != refcount.None
	if live := rt.live(); counted && len(live) > 0 {
		errs = append(errs, fmt.Errorf("%w: %s", ErrLeaks, rt.describeLeaks(live)))
	}
	if reps := rt.Reports(); len(reps) > 0 {
		msgs := make([]string, 0, len(reps))
		for i, r := range reps {
			if i == 10 {
				msgs = append(msgs, fmt.Sprintf("... and %d more", len(reps)-10))
				break
			}
			msgs = append(msgs, r.Error())
		}
		errs = append(errs, fmt.Errorf("%w: %s", ErrRefcountReports, strings.Join(msgs, "; ")))
	}
	if len(errs) > 0 {
		return fmt.Errorf("core: Close: %w", errors.Join(errs...))
	}
	return nil
}

func (rt *Runtime) describeLeaks(live map[string]int64) string {
	if rt.cfg.TrackObjects {
		var objs []string
		rt.tracked.Range(func(k, _ any) bool {
			objs = append(objs, rt.describeLeak(k.(Object)))
			return len(objs) < 20
		})
		sort.Strings(objs)
		return strings.Join(objs, ", ")
	}
	parts := make([]string, 0, len(live))
	for name, n := range live {
		parts = append(parts, fmt.Sprintf("%d %s", n, name))
	}
	sort.Strings(parts)
	return strings.Join(parts, ", ") + " (Config.TrackObjects names them)"
}

func (rt *Runtime) describeLeak(o Object) string {
	s := describe(o)
	if rt.seq != nil {
		// Under a Sequencer an address would differ from run to run.
		s = fmt.Sprintf("%s object at %#x", o.Type().name, rt.serialID(o.header()))
	}
	if r, ok := shortRepr(o); ok {
		s += " " + r
	}
	return s
}
