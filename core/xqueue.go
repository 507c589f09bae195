package core

import (
	"errors"
	"fmt"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/rwgil/rwgil/eml"
)

// Cross-interpreter queues: a FIFO of Shared values that belongs to the
// process, not to an interpreter, usable from a thread of any of them
// (concurrent.interpreters' Queue). The native locking layer's
// primitives cannot serve here: an eml.Mutex parks its waiters in the
// parking lot of the waiter's eml.Lock, where a thread of an interpreter
// with another lock would never look. So the queue keeps its own waiters,
// each with its interpreter lock's Scheduler: a put on a full queue or a
// get on an empty one parks through that Scheduler, detached from the
// waiting thread's lock (AllowThreads), and is a scheduling point under a
// deterministic scheduler; whoever changes the queue wakes every waiter
// of the other side, and each checks again (a Scheduler's Park may return
// spuriously anyway).

// Queue is a cross-interpreter queue; make one with Runtime.NewQueue.
type Queue struct {
	id      int64
	maxsize int
	group   *interpGroup
	mu      sync.Mutex // guards the fields below; never held across a wait
	items   []Shared
	// getters wait for an item, putters for room.
	getters, putters []*queueWaiter
	// refs counts what keeps the queue alive, as CPython's refcount of a
	// queue across interpreters: its objects in every interpreter (Ref,
	// and Release when one is deallocated) and its Shared values on their
	// way (ToShared, an item of a queue). At zero the queue is freed:
	// out of its process's list, its items dropped. Under group.mu.
	refs  int64
	freed bool
}

// queuePin is one reference a Shared value holds on a queue.
type queuePin struct {
	q    *Queue
	done atomic.Bool
}

// newPin counts one more Shared value holding q.
func (q *Queue) newPin() *queuePin {
	q.Ref()
	return &queuePin{q: q}
}

// release drops the pin's reference, once however often it is called.
func (p *queuePin) release() {
	if p != nil && p.done.CompareAndSwap(false, true) {
		p.q.unref()
	}
}

// Ref counts one more holder of the queue: an object standing for it in
// an interpreter, whose deallocation calls Release (QueueObjects' objects
// must be made so: NewNativeInstance with the queue as the value, after
// Ref).
func (q *Queue) Ref() {
	g := q.group
	g.mu.Lock()
	q.refs++
	g.mu.Unlock()
}

// Release implements NativeReleaser: an object standing for the queue was
// deallocated. The last reference frees the queue.
func (q *Queue) Release(func(Object)) { q.unref() }

// unref drops a reference; the last one frees the queue: it leaves the
// process's list (Queues, its id unknown) and the values it held are
// dropped, which may free the queues they held in turn.
func (q *Queue) unref() {
	g := q.group
	g.mu.Lock()
	if q.refs--; q.refs > 0 || q.freed {
		g.mu.Unlock()
		return
	}
	q.freed = true
	delete(g.queues, q.id)
	g.mu.Unlock()
	q.mu.Lock()
	items := q.items
	q.items = nil
	q.mu.Unlock()
	for _, v := range items {
		v.Drop()
	}
}

// Drop releases what v holds without making an object of it: the
// references its queues' values hold (see Queue's refs). A Shared value
// that is neither made an object (FromShared) nor dropped keeps its queues
// for ever.
func (v Shared) Drop() {
	switch v.kind {
	case sharedQueue:
		v.pin.release()
	case sharedTuple:
		for _, it := range v.items {
			it.Drop()
		}
	}
}

// Freed reports whether the queue was freed: nothing referred to it any
// more.
func (q *Queue) Freed() bool {
	g := q.group
	g.mu.Lock()
	defer g.mu.Unlock()
	return q.freed
}

// queueWaiter is a thread parked on a queue.
type queueWaiter struct {
	sched eml.Scheduler
	w     *eml.Waiter
}

// ErrQueueEmpty and ErrQueueFull are the errors of a get on an empty
// queue and a put on a full one that do not wait (or whose wait timed
// out).
var (
	ErrQueueEmpty = errors.New("queue is empty")
	ErrQueueFull  = errors.New("queue is full")
)

// QueueError is the error of a non-blocking or timed-out queue operation:
// Err is ErrQueueEmpty or ErrQueueFull. Its message is CPython's.
type QueueError struct {
	ID  int64
	Err error
}

func (e *QueueError) Error() string {
	if e.Err == ErrQueueFull {
		return fmt.Sprintf("queue %d is full", e.ID)
	}
	return fmt.Sprintf("queue %d is empty", e.ID)
}

func (e *QueueError) Unwrap() error { return e.Err }

// NewQueue makes a queue of rt's process holding at most maxsize values
// (0 or less: no limit), with the next free id. It has no reference yet:
// the first Ref, and the last Release after it, frees it.
func (rt *Runtime) NewQueue(maxsize int) *Queue {
	g := rt.interp.group
	q := &Queue{maxsize: maxsize, group: g}
	g.mu.Lock()
	q.id = g.nextQueue
	g.nextQueue++
	g.queues[q.id] = q
	g.mu.Unlock()
	return q
}

// Queues returns the queues of rt's process, by id.
func (rt *Runtime) Queues() []*Queue {
	g := rt.interp.group
	g.mu.Lock()
	out := make([]*Queue, 0, len(g.queues))
	for _, q := range g.queues {
		out = append(out, q)
	}
	g.mu.Unlock()
	sort.Slice(out, func(i, j int) bool { return out[i].id < out[j].id })
	return out
}

// ID is the queue's id.
func (q *Queue) ID() int64 { return q.id }

// MaxSize is the bound the queue was made with (0: none).
func (q *Queue) MaxSize() int { return q.maxsize }

// Len is the number of values in the queue now.
func (q *Queue) Len() int {
	q.mu.Lock()
	defer q.mu.Unlock()
	return len(q.items)
}

// Full says the queue holds maxsize values.
func (q *Queue) Full() bool {
	q.mu.Lock()
	defer q.mu.Unlock()
	return q.full()
}

func (q *Queue) full() bool { return q.maxsize > 0 && len(q.items) >= q.maxsize }

// wakeAll unparks the waiters ws (taken out of the queue's list under
// q.mu), outside q.mu.
func wakeAll(ws []*queueWaiter) {
	for _, w := range ws {
		w.sched.Unpark(w.w)
	}
}

// wait parks th, registered in *list, until woken or until the deadline
// (Forever: none): detached from th's lock, labelled for deadlock
// reports. It is entered with q.mu held and returns with it held; an
// error is an interrupt (KeyboardInterrupt) or the thread's misuse.
func (q *Queue) wait(th *Thread, list *[]*queueWaiter, what string, deadline time.Duration) error {
	sched := th.rt.lock.Scheduler()
	me := &queueWaiter{sched: sched, w: th.eml.Waiter()}
	*list = append(*list, me)
	q.mu.Unlock()
	th.blockedOn = queueWait{q, what}
	var err error
	for {
		step := time.Duration(-1)
		if deadline >= 0 {
			step = deadline - sched.Now()
			if step <= 0 {
				break
			}
		}
		interruptible := th.interruptible()
		if interruptible && (step < 0 || step > interruptPoll) {
			step = interruptPoll
		}
		var woken bool
		if berr := th.AllowThreads(func() {
			if step < 0 {
				sched.Park(me.w)
				woken = true
			} else {
				woken = sched.ParkTimeout(me.w, step)
			}
		}); berr != nil {
			err = berr
			break
		}
		if woken {
			break
		}
		if interruptible {
			if err = th.checkInterrupt(); err != nil {
				break
			}
		}
	}
	th.blockedOn = nil
	q.mu.Lock()
	for i, w := range *list {
		if w == me {
			*list = append((*list)[:i], (*list)[i+1:]...)
			break
		}
	}
	return err
}

// queueWait is what a thread parked on a queue waits for.
type queueWait struct {
	q    *Queue
	what string
}

func (w queueWait) describeWait(b *strings.Builder) {
	fmt.Fprintf(b, "interpreter queue %d (%s)", w.q.id, w.what)
}

// deadlineOf turns a timeout (Forever: none) into a deadline on th's
// Scheduler clock.
func deadlineOf(th *Thread, timeout time.Duration) time.Duration {
	if timeout < 0 {
		return Forever
	}
	return th.rt.lock.Scheduler().Now() + timeout
}

// Put adds v at the back. When the queue is full it waits (block true)
// for at most timeout (Forever: no limit), detached from th's lock, or
// fails with a *QueueError for ErrQueueFull.
func (q *Queue) Put(th *Thread, v Shared, block bool, timeout time.Duration) error {
	deadline := deadlineOf(th, timeout)
	q.mu.Lock()
	for q.full() {
		if !block || timeout == 0 || (deadline >= 0 && th.rt.lock.Scheduler().Now() >= deadline) {
			q.mu.Unlock()
			return &QueueError{q.id, ErrQueueFull}
		}
		if err := q.wait(th, &q.putters, "not full", deadline); err != nil {
			q.mu.Unlock()
			return err
		}
	}
	q.items = append(q.items, v)
	ws := q.getters
	q.getters = nil
	q.mu.Unlock()
	wakeAll(ws)
	return nil
}

// Get takes the value at the front. When the queue is empty it waits
// (block true) for at most timeout (Forever: no limit), detached from
// th's lock, or fails with a *QueueError for ErrQueueEmpty.
func (q *Queue) Get(th *Thread, block bool, timeout time.Duration) (Shared, error) {
	deadline := deadlineOf(th, timeout)
	q.mu.Lock()
	for len(q.items) == 0 {
		if !block || timeout == 0 || (deadline >= 0 && th.rt.lock.Scheduler().Now() >= deadline) {
			q.mu.Unlock()
			return Shared{}, &QueueError{q.id, ErrQueueEmpty}
		}
		if err := q.wait(th, &q.getters, "not empty", deadline); err != nil {
			q.mu.Unlock()
			return Shared{}, err
		}
	}
	v := q.items[0]
	q.items[0] = Shared{}
	q.items = q.items[1:]
	ws := q.putters
	q.putters = nil
	q.mu.Unlock()
	wakeAll(ws)
	return v, nil
}

// SharedQueue returns the Shared value of a queue, which crosses
// interpreters as itself (it belongs to the process). Unlike ToShared's,
// it holds no reference on the queue.
func SharedQueue(q *Queue) Shared { return Shared{kind: sharedQueue, queue: q} }

// Queue returns the queue v holds, if it holds one.
func (v Shared) Queue() (*Queue, bool) { return v.queue, v.kind == sharedQueue }

// QueueObjects makes the Python objects that stand for a queue in an
// interpreter: concurrent.interpreters sets it (Runtime.SetQueueObjects)
// when it loads, for the queues that arrive through a queue, a call or
// prepare_main.
type QueueObjects func(th *Thread, q *Queue) (Object, error)

// SetQueueObjects sets how the interpreters of rt's process make a queue's
// object; nil takes it away.
func (rt *Runtime) SetQueueObjects(f QueueObjects) {
	g := rt.interp.group
	g.mu.Lock()
	g.queueObjects = f
	g.mu.Unlock()
}

func (th *Thread) queueObject(q *Queue) (Object, error) {
	g := th.rt.interp.group
	g.mu.Lock()
	f := g.queueObjects
	g.mu.Unlock()
	if f == nil {
		return nil, th.Raisef(th.rt.types.exc.RuntimeError, "queue %d arrived in interpreter %d, which cannot make queue objects", q.id, th.rt.interp.id)
	}
	return f(th, q)
}
