package refcount_test

import (
	"fmt"

	"github.com/rwgil/rwgil/refcount"
)

// list is a container, as core's objects would be: a Count in its header,
// and a Dealloc that drops the references it holds.
type list struct {
	rc    refcount.Count
	name  string
	s     refcount.Strategy
	items []refcount.Object
}

func (l *list) RefCount() *refcount.Count { return &l.rc }
func (l *list) Describe() string          { return l.name }

func (l *list) Dealloc(by *refcount.Owner) {
	fmt.Printf("dealloc %s on %s\n", l.name, by.Name())
	for _, it := range l.items {
		l.s.Decref(it, by)
	}
}

// A reference created on one thread and dropped on another: the dropping
// thread is not the owner, so it hands the object to the owner's queue, and
// the owner deallocates it at its next safe point.
func ExampleStrategy_biased() {
	s := refcount.New(refcount.Biased, nil) // nil: a misuse panics
	main, worker := s.NewOwner("main"), s.NewOwner("worker")

	item := &list{name: "item", s: s}
	outer := &list{name: "outer", s: s, items: []refcount.Object{item}}
	s.Init(item, main) // held by outer
	s.Init(outer, main)

	// main hands its reference to outer over to worker, which drops it.
	// main's local count holds that reference, so worker cannot finish
	// the object: it queues it to main.
	s.Decref(outer, worker)
	fmt.Println("after worker's decref: dead", s.Dead(outer), "refcnt", s.Refcnt(outer))

	// main's next safe point merges local and shared counts: zero.
	fmt.Println("merged", s.MergeQueued(main))
	fmt.Println("dead", s.Dead(outer), s.Dead(item))

	// Any later use is a fatal error naming the object.
	defer func() { fmt.Println(recover()) }()
	s.Incref(outer, worker)
	// Output:
	// after worker's decref: dead false refcnt 0
	// dealloc outer on main
	// dealloc item on main
	// merged 1
	// dead true true
	// refcount: use after free: incref of outer by worker (biased counting)
}

func ExampleParseKind() {
	k, err := refcount.ParseKind("biased")
	fmt.Println(k, err)
	_, err = refcount.ParseKind("gil")
	fmt.Println(err)
	// Output:
	// biased <nil>
	// refcount: unknown strategy "gil" (valid: plain, atomic, biased, immortal, none)
}
