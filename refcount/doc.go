// Package refcount implements the reference-counting strategies that an
// rwgil runtime chooses between, so that the same workload can be measured
// under each, and so that tests can check the one promise they all keep
// (where they deallocate at all): an object is deallocated exactly once,
// when its last reference goes, and is never used after.
//
// This package knows nothing of objects, bytecode or locks. Core embeds a
// Count in every object header, implements Object, and calls the Strategy
// on every reference it takes or drops. Which references are new and which
// are borrowed, and so when to call Incref and Decref, is core's business;
// refcount only counts what it is told, and reports what cannot be right.
//
// # Strategies
//
// Plain keeps one ordinary integer per object. Reading and writing it
// without atomics is correct only while one thread runs at a time, which
// is why core accepts it only under the gil policy: the lock that lets one
// thread run also orders its count updates before the next thread's.
//
// Atomic makes every increment and decrement an atomic read-modify-write
// on one shared word, as the Gilectomy did. It is correct from any thread
// and costs a locked instruction per operation, and a contended cache line
// when threads share an object.
//
// Biased is biased reference counting (Choi, Shull and Torrellas, PACT
// 2018), as PEP 703 adopted it and CPython 3.13's free-threaded build
// implements it. Most objects are only ever touched by the thread that
// created them, so that thread, the owner, counts in a local field with
// ordinary loads and stores, and only the other threads pay for atomics on
// a shared field. The protocol that reconciles the two is described below.
//
// Immortal makes every object immortal: no count ever changes and no
// object is ever deallocated. Each operation is just the immortality check,
// which measures what that check costs.
//
// None does no counting at all, as the 2008 proposal to remove reference
// counting would have it: objects live as long as the Go collector finds
// them reachable, and Dealloc hooks never run.
//
// Whatever the strategy, InitImmortal makes one object immortal (None,
// the bools, small ints, interned strings): never counted, never
// deallocated. The immortality check is the first thing every operation
// does, and the cheapest: a byte in the Count, written before the object is
// published and never again, read without synchronization.
//
// # Owners and who calls what
//
// Each runtime thread has an Owner, made by NewOwner. Every operation takes
// the Owner of the thread that is doing it, by, and must really be called
// on that thread: the biased strategy compares by with an object's owner
// to choose between its local and its shared count, and every strategy
// keeps its per-thread list of pending deallocations there. An Owner's
// identity is its pointer, which is never reused while anything refers to
// it, so a later thread cannot be mistaken for an earlier one.
//
// Core calls Init when it allocates an object, before any other thread can
// see it, with the Owner of the allocating thread. It calls MergeQueued on
// a thread's own Owner at that thread's safe points, where the eval loop
// polls the eval breaker (back-edges, calls, function entry), and
// ThreadExit as the thread's last act. MergeQueued with nothing queued is
// one atomic load.
//
// # Biased counting
//
// A biased Count holds three fields besides its mode: owner, the Owner of
// the creating thread; local, the count that only the owner's thread
// touches; and shared, an atomic word holding the other threads' count,
// shifted left two bits, and two state bits below it. An object's true
// count is local plus the shared count, less one while it is queued (the
// queue holds a reference of its own, see below). Either part may exceed
// the true count, and the shared part may be negative: references move
// freely between threads, so the owner may count a reference that another
// thread now holds and drops.
//
// The owner increments and decrements local. Any other thread adds to the
// shared count, and takes from it with a compare-and-swap loop, because a
// decrement must notice one case: the shared count is zero, in the default
// state. The reference being dropped is then one that local counts, and
// only the owner can do that arithmetic. So the dropping thread sets the
// queued bit instead of decrementing and appends the object, with the
// reference, to its owner's queue. At its next safe point the owner merges
// each queued object: it folds local into shared, subtracts the queue's
// reference, clears the owner fields and sets the merged bit, after which
// everyone counts on shared alone. If the merged count is zero, the owner
// deallocates.
//
// When the owner's own decrement takes local to zero, it must look at
// shared. If the whole word is zero (no shared references, default state),
// the object is dead: the owner swaps in the poison and deallocates.
// Otherwise other threads still hold references through shared, so the
// owner gives up ownership there and then: it clears owner and local and
// sets the merged bit, and the last shared decrement deallocates. A merged
// object may still be queued (both bits set), in which case the queue's
// reference keeps it alive until the owner's merge drops it.
//
// A thread that exits calls ThreadExit. It merges its queue until it finds
// it empty and, in the same critical section, marks its Owner exited. A
// thread that later queues an object to that Owner merges it itself, at
// once: the owner will never write local again, and the queue's mutex
// orders the owner's last write before the read. Draining first matters: a
// merge can deallocate a container whose Dealloc drops references counted
// in the owner's local counts, and no other thread may read those until
// the owner is done with them.
//
// The ordering rules, each of which CPython learned the hard way:
//
//   - Every decision to deallocate is one successful compare-and-swap of
//     the shared word into the poison. Exactly one thread can make it, and
//     an atomic add landing first (an increment, or TryIncref) makes it
//     fail, so a dying object is either revived whole or not at all.
//   - The owner's zero check is that compare-and-swap, not a plain or
//     relaxed load: the load must synchronize with other threads'
//     decrements so that their use of the object happens before Dealloc
//     (CPython's gh-117657 was a relaxed load here).
//   - A merge clears owner and local before it publishes the merged
//     state. Once merged is visible another thread may take the count to
//     zero and deallocate, and a Dealloc may hand the memory to a new
//     object; a write after publishing would land in it (CPython's
//     gh-119999 wrote the owner fields after).
//   - Every field that another thread may read concurrently is accessed
//     atomically (owner, shared); local is read by another thread only
//     after a happens-before edge (ThreadExit's mutex, or a join). Go's
//     atomics are sequentially consistent, so there are no weaker orders
//     to get wrong, but each of these edges is needed by the Go memory
//     model, and go test -race checks them.
//
// Two departures from CPython. CPython folds "merged while queued" into
// merged and keeps the queue's reference in the count; here the queued bit
// stays set, so Refcnt can subtract the queue's reference and report the
// true count. And CPython has a "maybe weakref" state because its owner
// deallocates after a load, with no compare-and-swap, when the whole
// shared word is zero, which an increment of shared by a TryIncref could
// race with; objects that may be reached without a reference are marked,
// which sends their owner down the compare-and-swap path. Here the owner's
// check is always the compare-and-swap that also poisons, so TryIncref is
// safe on every object and the extra state is not needed.
//
// # Deallocation, poisoning and misuse
//
// When an object's true count reaches zero, the thread that found it zero
// poisons the count and then calls Dealloc(by) on its own Owner, exactly
// once. The count is poisoned before Dealloc runs, not after: a dead count
// never looks live to anyone, TryIncref refuses it, and any use, even
// from inside Dealloc, is reported. A Dealloc may re-initialize its object
// with Init (a free list): nothing in this package touches the Count after
// calling Dealloc.
//
// A Dealloc that drops references (a container releasing its items) may
// bring other counts to zero. Those deallocations are not run inside the
// hook but put on the Owner's pending list and run, one after the other,
// by the outermost deallocation's loop once the hook returns, so that
// freeing a list nested 100,000 deep uses one Go stack frame of Dealloc,
// not 100,000 (CPython's trashcan does this with a depth limit).
//
// An increment or decrement of a poisoned count is a use after free; a
// count found below zero where it can be known (the atomic strategy's
// count, a biased merge) is a NegativeCount; an operation on a zero Count
// is Uninitialized. Each is a fatal error of the program being run, and
// never silently ignored: the Report names the object (Describe), the
// operation and the thread, and goes to the hook given to New, or, with no
// hook, is the value of a panic. The operation that found it is abandoned;
// a poisoned count stays poisoned, and no object is ever deallocated
// twice.
package refcount
