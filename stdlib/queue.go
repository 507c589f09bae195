package stdlib

import (
	"fmt"
	"sync/atomic"
	"time"

	"github.com/rwgil/rwgil/core"
)

// The queue module: Queue, LifoQueue, PriorityQueue and SimpleQueue, as
// CPython's, on the native locking layer: one Lock (the instance's
// mutex, a thread.Lock as CPython's is) and three Conditions on it
// (not_empty, not_full, all_tasks_done), so that every blocking put, get
// and join waits detached from the lock and is a scheduling point under
// a deterministic scheduler. The items are a list in the instance's
// queue attribute (a heap for PriorityQueue), looked up at each call as
// CPython's _put and _get look up self.queue.

func init() { add("queue", loadQueue) }

// queue kinds.
const (
	fifoQueue = iota
	lifoQueue
	priorityQueue
	simpleQueue
)

// queueState is a queue's Go state; every field but mutex and the
// conditions is guarded by mutex.
type queueState struct {
	kind                       int
	maxsize                    int64
	mutex                      *core.Lock
	notEmpty, notFull, allDone *core.Condition
	unfinished                 int64
}

// queueMod is one runtime's queue module; the classes are borrowed from
// its dict.
type queueMod struct {
	mod         *core.Module
	empty, full *core.Type
	lockCtor    core.Object
	serial      atomic.Int64 // numbers the queues, for deadlock reports
}

func loadQueue(th *core.Thread, name string) (*core.Module, error) {
	mod := th.NewModule(name)
	qm := &queueMod{mod: mod}
	if err := qm.build(th); err != nil {
		th.Decref(mod)
		return nil, err
	}
	return mod, nil
}

const queueNotInit = "Queue.__init__() not called"

func (qm *queueMod) build(th *core.Thread) error {
	rt := th.Runtime()
	exc := th.RaiseType("Exception")
	modName := th.NewStr("_queue")
	var err error
	// queue.Empty is _queue.Empty in CPython (tracebacks say
	// "_queue.Empty"); Full is queue's own.
	qm.empty, err = newPyClass(th, qm.mod, pyClassDef{name: "Empty", bases: []*core.Type{exc},
		attrs: map[string]core.Object{"__module__": modName}})
	th.Decref(modName)
	if err != nil {
		return err
	}
	if qm.full, err = newPyClass(th, qm.mod, pyClassDef{name: "Full", bases: []*core.Type{exc}}); err != nil {
		return err
	}
	tmod, err := th.Import("thread")
	if err != nil {
		return err
	}
	qm.lockCtor, err = th.GetAttr(tmod, "Lock")
	th.Decref(tmod)
	if err != nil {
		return err
	}
	// The module's dict holds the constructor, as the borrowed pointer's
	// owner.
	if err := dictSetNew(th, qm.mod.Dict(), "_allocate_lock", qm.lockCtor); err != nil {
		return err
	}
	none := rt.None
	stateOf := func(th *core.Thread, self core.Object) (*queueState, error) {
		return goState[*queueState](th, self, queueNotInit)
	}
	initFor := func(kind int) core.BuiltinFunc {
		return func(th *core.Thread, args []core.Object, kw map[string]core.Object) (core.Object, error) {
			n := 1
			if kind == simpleQueue {
				n = 0
			}
			p, err := parseParams(th, "__init__", args, kw, true, n, []string{"maxsize"}[:n]...)
			if err != nil {
				return nil, err
			}
			self := args[0]
			var maxsize int64
			if n == 1 && p[0] != nil {
				if maxsize, err = th.IntArg("Queue", p[0]); err != nil {
					return nil, err
				}
			}
			lo, err := th.Call(qm.lockCtor, nil, nil)
			if err != nil {
				return nil, err
			}
			lock := &lo.(*core.LockObject).Lock
			if kind != simpleQueue {
				if err := setAttrNew(th, self, "mutex", lo); err != nil {
					return nil, err
				}
				if err := setAttrNew(th, self, "maxsize", th.NewInt(maxsize)); err != nil {
					return nil, err
				}
			} else if err := setAttrNew(th, self, "_mutex", lo); err != nil {
				return nil, err
			}
			if err := setAttrNew(th, self, "queue", th.NewList(nil)); err != nil {
				return nil, err
			}
			s := &queueState{kind: kind, maxsize: maxsize, mutex: lock,
				notEmpty: th.NewCondition(lock), notFull: th.NewCondition(lock), allDone: th.NewCondition(lock)}
			qn := qm.serial.Add(1)
			s.notEmpty.Describe(fmt.Sprintf("an item on %s #%d", args[0].Type().Name(), qn))
			s.notFull.Describe(fmt.Sprintf("room on %s #%d (full)", args[0].Type().Name(), qn))
			s.allDone.Describe(fmt.Sprintf("task_done() of every item of %s #%d", args[0].Type().Name(), qn))
			return none, setGoState(th, self, "queue", s)
		}
	}
	// locked runs fn with the queue's mutex held.
	locked := func(th *core.Thread, s *queueState, fn func() error) error {
		if _, err := s.mutex.Acquire(th, true, core.Forever); err != nil {
			return err
		}
		err := fn()
		if rerr := s.mutex.Release(th); err == nil {
			err = rerr
		}
		return err
	}
	sizeOf := func(th *core.Thread, self core.Object) (int64, error) {
		l, err := itemsOf(th, self)
		if err != nil {
			return 0, err
		}
		defer th.Decref(l)
		return int64(th.ListLen(l)), nil
	}
	methods := func(kind int) []pyMethod {
		ms := []pyMethod{
			{"__init__", initFor(kind)},
			methodNoArgs("qsize", func(th *core.Thread, self core.Object) (core.Object, error) {
				s, err := stateOf(th, self)
				if err != nil {
					return nil, err
				}
				var n int64
				err = locked(th, s, func() (err error) { n, err = sizeOf(th, self); return err })
				if err != nil {
					return nil, err
				}
				return th.NewInt(n), nil
			}),
			methodNoArgs("empty", func(th *core.Thread, self core.Object) (core.Object, error) {
				s, err := stateOf(th, self)
				if err != nil {
					return nil, err
				}
				var n int64
				err = locked(th, s, func() (err error) { n, err = sizeOf(th, self); return err })
				return rt.Bool(n == 0), err
			}),
			{"put", func(th *core.Thread, args []core.Object, kw map[string]core.Object) (core.Object, error) {
				p, err := parseParams(th, "put", args, kw, true, 3, "item", "block", "timeout")
				if err != nil {
					return nil, err
				}
				if p[0] == nil {
					return nil, th.Raise(th.RaiseType("TypeError"), "Queue.put() missing 1 required positional argument: 'item'")
				}
				block, d, err := queueBlockArgs(th, p[1], p[2])
				if err != nil {
					return nil, err
				}
				return none, qm.put(th, args[0], p[0], block, d)
			}},
			{"put_nowait", func(th *core.Thread, args []core.Object, kw map[string]core.Object) (core.Object, error) {
				if err := th.CheckArgs("put_nowait", args[1:], kw, 1, 1, "item"); err != nil {
					return nil, err
				}
				item := kw["item"]
				if len(args) > 1 {
					item = args[1]
				}
				return none, qm.put(th, args[0], item, false, 0)
			}},
			{"get", func(th *core.Thread, args []core.Object, kw map[string]core.Object) (core.Object, error) {
				p, err := parseParams(th, "get", args, kw, true, 2, "block", "timeout")
				if err != nil {
					return nil, err
				}
				block, d, err := queueBlockArgs(th, p[0], p[1])
				if err != nil {
					return nil, err
				}
				return qm.get(th, args[0], block, d)
			}},
			methodNoArgs("get_nowait", func(th *core.Thread, self core.Object) (core.Object, error) {
				return qm.get(th, self, false, 0)
			}),
		}
		if kind == simpleQueue {
			return ms
		}
		return append(ms,
			methodNoArgs("full", func(th *core.Thread, self core.Object) (core.Object, error) {
				s, err := stateOf(th, self)
				if err != nil {
					return nil, err
				}
				var n int64
				err = locked(th, s, func() (err error) { n, err = sizeOf(th, self); return err })
				return rt.Bool(s.maxsize > 0 && n >= s.maxsize), err
			}),
			methodNoArgs("task_done", func(th *core.Thread, self core.Object) (core.Object, error) {
				s, err := stateOf(th, self)
				if err != nil {
					return nil, err
				}
				return none, locked(th, s, func() error {
					if s.unfinished <= 0 {
						return th.Raise(th.RaiseType("ValueError"), "task_done() called too many times")
					}
					if s.unfinished--; s.unfinished == 0 {
						return s.allDone.NotifyAll(th)
					}
					return nil
				})
			}),
			methodNoArgs("join", func(th *core.Thread, self core.Object) (core.Object, error) {
				s, err := stateOf(th, self)
				if err != nil {
					return nil, err
				}
				return none, locked(th, s, func() error {
					for s.unfinished > 0 {
						if _, err := s.allDone.Wait(th, core.Forever); err != nil {
							return err
						}
					}
					return nil
				})
			}),
		)
	}
	unfinished := []pyProp{{"unfinished_tasks", func(th *core.Thread, self core.Object) (core.Object, error) {
		s, err := stateOf(th, self)
		if err != nil {
			return nil, err
		}
		var n int64
		err = locked(th, s, func() error { n = s.unfinished; return nil })
		if err != nil {
			return nil, err
		}
		return th.NewInt(n), nil
	}, nil}}
	q, err := newPyClass(th, qm.mod, pyClassDef{name: "Queue", methods: methods(fifoQueue), props: unfinished})
	if err != nil {
		return err
	}
	if _, err := newPyClass(th, qm.mod, pyClassDef{name: "LifoQueue", bases: []*core.Type{q},
		methods: []pyMethod{{"__init__", initFor(lifoQueue)}}}); err != nil {
		return err
	}
	if _, err := newPyClass(th, qm.mod, pyClassDef{name: "PriorityQueue", bases: []*core.Type{q},
		methods: []pyMethod{{"__init__", initFor(priorityQueue)}}}); err != nil {
		return err
	}
	modName = th.NewStr("_queue")
	_, err = newPyClass(th, qm.mod, pyClassDef{name: "SimpleQueue", methods: methods(simpleQueue),
		attrs: map[string]core.Object{"__module__": modName}})
	th.Decref(modName)
	return err
}

// queueBlockArgs parses put's and get's block=True, timeout=None: a
// timeout applies only to a blocking call, and must not be negative.
func queueBlockArgs(th *core.Thread, blockArg, timeoutArg core.Object) (bool, time.Duration, error) {
	block := true
	var err error
	if blockArg != nil {
		if block, err = th.Truth(blockArg); err != nil {
			return false, 0, err
		}
	}
	if !block || absentOrNone(th, timeoutArg) {
		return block, core.Forever, nil
	}
	f, err := numberAsFloat(th, timeoutArg, "'"+timeoutArg.Type().Name()+"' object cannot be interpreted as a number")
	if err != nil {
		return false, 0, err
	}
	if f < 0 {
		return false, 0, th.Raise(th.RaiseType("ValueError"), "'timeout' must be a non-negative number")
	}
	d, err := waitTimeout(th, timeoutArg)
	return true, d, err
}

// itemsOf returns a new reference to self.queue, which must be a list.
func itemsOf(th *core.Thread, self core.Object) (*core.List, error) {
	o, err := th.GetAttr(self, "queue")
	if err != nil {
		return nil, err
	}
	l, ok := o.(*core.List)
	if !ok {
		th.Decref(o)
		return nil, th.Raisef(th.RaiseType("TypeError"), "the queue's items must be a list, not '%s'", o.Type().Name())
	}
	return l, nil
}

// raiseNew raises a new instance of cls with no arguments, as `raise
// Empty` does.
func raiseNew(th *core.Thread, cls *core.Type) error {
	o, err := th.Call(cls, nil, nil)
	if err != nil {
		return err
	}
	if e, ok := o.(*core.Exception); ok {
		return e
	}
	th.Decref(o)
	return th.Raisef(th.RaiseType("SystemError"), "%s() is not an exception", cls.Name())
}

// waitUntil waits on c (its lock held) while blocked() reports true, for
// at most d (Forever: no limit); it reports whether the wait ended
// because blocked() became false.
func waitUntil(th *core.Thread, c *core.Condition, d time.Duration, blocked func() (bool, error)) (bool, error) {
	sched := th.Runtime().Lock().Scheduler()
	deadline := sched.Now() + d
	for {
		b, err := blocked()
		if err != nil || !b {
			return err == nil, err
		}
		wait := core.Forever
		if d >= 0 {
			if wait = deadline - sched.Now(); wait <= 0 {
				return false, nil
			}
		}
		if _, err := c.Wait(th, wait); err != nil {
			return false, err
		}
	}
}

// put is Queue.put(item, block, timeout): d Forever waits with no limit.
func (qm *queueMod) put(th *core.Thread, self, item core.Object, block bool, d time.Duration) error {
	s, err := goState[*queueState](th, self, queueNotInit)
	if err != nil {
		return err
	}
	if _, err := s.mutex.Acquire(th, true, core.Forever); err != nil {
		return err
	}
	err = qm.putLocked(th, s, self, item, block, d)
	if rerr := s.mutex.Release(th); err == nil {
		err = rerr
	}
	return err
}

func (qm *queueMod) putLocked(th *core.Thread, s *queueState, self, item core.Object, block bool, d time.Duration) error {
	l, err := itemsOf(th, self)
	if err != nil {
		return err
	}
	defer th.Decref(l)
	if s.maxsize > 0 {
		full := func() (bool, error) { return int64(th.ListLen(l)) >= s.maxsize, nil }
		if !block {
			if f, _ := full(); f {
				return raiseNew(th, qm.full)
			}
		} else {
			ok, err := waitUntil(th, s.notFull, d, full)
			if err != nil {
				return err
			}
			if !ok {
				return raiseNew(th, qm.full)
			}
		}
	}
	if s.kind == priorityQueue {
		err = heapPush(th, l, item)
	} else {
		err = th.ListAppend(l, item)
	}
	if err != nil {
		return err
	}
	s.unfinished++
	return s.notEmpty.Notify(th, 1)
}

// get is Queue.get(block, timeout).
func (qm *queueMod) get(th *core.Thread, self core.Object, block bool, d time.Duration) (core.Object, error) {
	s, err := goState[*queueState](th, self, queueNotInit)
	if err != nil {
		return nil, err
	}
	if _, err := s.mutex.Acquire(th, true, core.Forever); err != nil {
		return nil, err
	}
	item, err := qm.getLocked(th, s, self, block, d)
	if rerr := s.mutex.Release(th); err == nil {
		err = rerr
	} else if rerr == nil && item != nil {
		th.Decref(item)
		item = nil
	}
	return item, err
}

func (qm *queueMod) getLocked(th *core.Thread, s *queueState, self core.Object, block bool, d time.Duration) (core.Object, error) {
	l, err := itemsOf(th, self)
	if err != nil {
		return nil, err
	}
	defer th.Decref(l)
	empty := func() (bool, error) { return th.ListLen(l) == 0, nil }
	if !block {
		if e, _ := empty(); e {
			return nil, raiseNew(th, qm.empty)
		}
	} else {
		ok, err := waitUntil(th, s.notEmpty, d, empty)
		if err != nil {
			return nil, err
		}
		if !ok {
			return nil, raiseNew(th, qm.empty)
		}
	}
	var item core.Object
	switch s.kind {
	case priorityQueue:
		item, err = heapPop(th, l)
	case lifoQueue:
		item, err = th.ListPop(l, th.ListLen(l)-1)
	default:
		item, err = th.ListPop(l, 0)
	}
	if err != nil {
		return nil, err
	}
	if err := s.notFull.Notify(th, 1); err != nil {
		th.Decref(item)
		return nil, err
	}
	return item, nil
}

// heapPush is heapq.heappush(l, item): the comparisons are Python's <,
// as heapq's are.
func heapPush(th *core.Thread, l *core.List, item core.Object) error {
	if err := th.ListAppend(l, item); err != nil {
		return err
	}
	return siftDown(th, l, 0, th.ListLen(l)-1)
}

// heapPop is heapq.heappop(l): it returns a new reference to the
// smallest item.
func heapPop(th *core.Thread, l *core.List) (core.Object, error) {
	last, err := th.ListPop(l, th.ListLen(l)-1)
	if err != nil {
		return nil, err
	}
	if th.ListLen(l) == 0 {
		return last, nil
	}
	first, err := th.ListItem(l, 0)
	if err != nil {
		th.Decref(last)
		return nil, err
	}
	zero := th.NewInt(0)
	err = th.SetItem(l, zero, last)
	th.Decref(zero)
	th.Decref(last)
	if err == nil {
		err = siftUp(th, l, 0)
	}
	if err != nil {
		th.Decref(first)
		return nil, err
	}
	return first, nil
}

// less is a < b, in Python.
func heapLess(th *core.Thread, l *core.List, i, j int) (bool, error) {
	a, err := th.ListItem(l, i)
	if err != nil {
		return false, err
	}
	defer th.Decref(a)
	b, err := th.ListItem(l, j)
	if err != nil {
		return false, err
	}
	defer th.Decref(b)
	return th.CompareBool(a, b, core.CmpLt)
}

func heapSwap(th *core.Thread, l *core.List, i, j int) error {
	a, err := th.ListItem(l, i)
	if err != nil {
		return err
	}
	defer th.Decref(a)
	b, err := th.ListItem(l, j)
	if err != nil {
		return err
	}
	defer th.Decref(b)
	ii, jj := th.NewInt(int64(i)), th.NewInt(int64(j))
	defer th.Decref(ii)
	defer th.Decref(jj)
	if err := th.SetItem(l, ii, b); err != nil {
		return err
	}
	return th.SetItem(l, jj, a)
}

// siftDown is heapq's _siftdown: the item at pos moves up towards start
// while it is smaller than its parent.
func siftDown(th *core.Thread, l *core.List, start, pos int) error {
	for pos > start {
		parent := (pos - 1) / 2
		lt, err := heapLess(th, l, pos, parent)
		if err != nil {
			return err
		}
		if !lt {
			return nil
		}
		if err := heapSwap(th, l, pos, parent); err != nil {
			return err
		}
		pos = parent
	}
	return nil
}

// siftUp is heapq's _siftup: the item at pos moves down to a leaf along
// the smaller children, then back up into place.
func siftUp(th *core.Thread, l *core.List, pos int) error {
	end := th.ListLen(l)
	start := pos
	child := 2*pos + 1
	for child < end {
		right := child + 1
		if right < end {
			lt, err := heapLess(th, l, child, right)
			if err != nil {
				return err
			}
			if !lt {
				child = right
			}
		}
		if err := heapSwap(th, l, pos, child); err != nil {
			return err
		}
		pos = child
		child = 2*pos + 1
	}
	return siftDown(th, l, start, pos)
}
