//go:build linux

package stdlib

import (
	"math"
	"syscall"
	"time"

	"github.com/rwgil/rwgil/core"
)

// The select module: select.select over socket objects, anything with a
// fileno() method, and plain descriptors, waiting detached (in ppoll, in
// steps, as Thread.BlockOn waits) so that other threads run meanwhile
// under every policy, as CPython's select releases the GIL.

func init() { add("select", loadSelect) }

// selectFDSetSize is FD_SETSIZE: select(2) takes no descriptor at or
// above it, and CPython's select.select refuses them.
const selectFDSetSize = 1024

func loadSelect(th *core.Thread, name string) (*core.Module, error) {
	mod := th.NewModule(name)
	d := mod.Dict()
	set := func(k string, v core.Object) error {
		err := th.DictSetStr(d, k, v)
		th.Decref(v)
		return err
	}
	t := th.RaiseType("OSError")
	th.Incref(t)
	if err := set("error", t); err != nil {
		th.Decref(mod)
		return nil, err
	}
	if err := set("select", th.NewBuiltin("select", selectSelect)); err != nil {
		th.Decref(mod)
		return nil, err
	}
	return mod, nil
}

// selectEntry is one object of an argument list and its descriptor.
type selectEntry struct {
	obj core.Object // borrowed from the list, which the caller holds
	fd  int
}

// selectFD is the descriptor of an entry: an int, or what its fileno()
// returns.
func selectFD(th *core.Thread, o core.Object) (int, error) {
	var v int64
	switch o.(type) {
	case *core.Int, *core.Bool:
		n, err := th.IntArg("select", o)
		if err != nil {
			return 0, err
		}
		v = n
	default:
		fn, err := th.GetAttr(o, "fileno")
		if err != nil {
			th.Discard(err)
			return 0, th.Raise(th.RaiseType("TypeError"), "argument must be an int, or have a fileno() method.")
		}
		r, err := th.Call(fn, nil, nil)
		th.Decref(fn)
		if err != nil {
			return 0, err
		}
		defer th.Decref(r)
		if _, ok := r.(*core.Int); !ok {
			return 0, th.Raise(th.RaiseType("TypeError"), "fileno() returned a non-integer")
		}
		if v, err = th.IntArg("select", r); err != nil {
			return 0, err
		}
	}
	if v < 0 {
		return 0, th.Raisef(th.RaiseType("ValueError"), "file descriptor cannot be a negative integer (%d)", v)
	}
	if v >= selectFDSetSize {
		return 0, th.Raise(th.RaiseType("ValueError"), "filedescriptor out of range in select()")
	}
	return int(v), nil
}

// selectList reads one of the three arguments; the returned objects are
// new references (drop them with selectDrop).
func selectList(th *core.Thread, o core.Object) ([]selectEntry, error) {
	it, err := th.Iter(o)
	if err != nil {
		th.Discard(err)
		return nil, th.Raise(th.RaiseType("TypeError"), "arguments 1-3 must be sequences")
	}
	defer th.Decref(it)
	var out []selectEntry
	for {
		item, ok, err := th.Next(it)
		if err != nil {
			selectDrop(th, out)
			return nil, err
		}
		if !ok {
			return out, nil
		}
		fd, err := selectFD(th, item)
		if err != nil {
			th.Decref(item)
			selectDrop(th, out)
			return nil, err
		}
		out = append(out, selectEntry{obj: item, fd: fd})
	}
}

func selectDrop(th *core.Thread, entries []selectEntry) {
	for _, e := range entries {
		th.Decref(e.obj)
	}
}

// selectSelect is select.select(rlist, wlist, xlist[, timeout]).
func selectSelect(th *core.Thread, args []core.Object, kw map[string]core.Object) (core.Object, error) {
	if len(kw) > 0 {
		return nil, th.Raise(th.RaiseType("TypeError"), "select.select() takes no keyword arguments")
	}
	if len(args) < 3 || len(args) > 4 {
		return nil, th.Raisef(th.RaiseType("TypeError"), "select expected at least 3 arguments, got %d", len(args))
	}
	wait := core.Forever
	if len(args) == 4 && args[3] != th.Runtime().None {
		var f float64
		switch x := args[3].(type) {
		case *core.Float:
			f = x.Float64()
		case *core.Int, *core.Bool:
			v, err := th.IntArg("select", x)
			if err != nil {
				return nil, err
			}
			f = float64(v)
		default:
			return nil, th.Raise(th.RaiseType("TypeError"), "timeout must be a float or None")
		}
		switch {
		case math.IsNaN(f):
			return nil, th.Raise(th.RaiseType("ValueError"), "Invalid value NaN (not a number)")
		case f < 0:
			return nil, th.Raise(th.RaiseType("ValueError"), "timeout must be non-negative")
		case f > math.MaxInt64/1e9:
			return nil, th.Raise(th.RaiseType("OverflowError"), "timeout doesn't fit into C timeval")
		}
		wait = time.Duration(f * 1e9)
	}
	var lists [3][]selectEntry
	defer func() {
		for _, l := range lists {
			selectDrop(th, l)
		}
	}()
	for i := range lists {
		l, err := selectList(th, args[i])
		if err != nil {
			return nil, err
		}
		lists[i] = l
	}
	n := len(lists[0]) + len(lists[1]) + len(lists[2])
	if n == 0 {
		// Nothing to watch: select sleeps, on the scheduler's clock under
		// a deterministic schedule.
		if wait < 0 {
			if _, err := th.BlockOn(core.Forever, func(step time.Duration) bool { time.Sleep(step); return false }); err != nil {
				return nil, err
			}
		} else if err := th.Sleep(wait.Seconds()); err != nil {
			return nil, err
		}
		return selectResult(th, lists, nil), nil
	}
	if err := sockRefuseScheduled(th, "select.select()"); err != nil {
		return nil, err
	}
	events := [3]int16{pollIn, pollOut, pollPri}
	fds := make([]pollFd, 0, n)
	for i, l := range lists {
		for _, e := range l {
			fds = append(fds, pollFd{fd: int32(e.fd), events: events[i]})
		}
	}
	var perr error
	_, err := th.BlockOn(wait, func(step time.Duration) bool {
		for i := range fds {
			fds[i].revents = 0
		}
		got, err := sysPoll(fds, step)
		if err == syscall.EINTR {
			return false
		}
		perr = err
		return got > 0 || err != nil
	})
	if err != nil {
		return nil, err
	}
	if perr != nil {
		return nil, sockError(th, perr)
	}
	for _, f := range fds {
		if f.revents&pollNval != 0 {
			// select(2) fails with EBADF for a descriptor that is not open.
			return nil, sockErrno(th, syscall.EBADF)
		}
	}
	return selectResult(th, lists, fds), nil
}

// selectResult is the three lists of ready objects, in the order given
// (fds nil: none ready). select(2)'s readiness: readable on data, end of
// stream or error; writable on room or error; exceptional on urgent data.
func selectResult(th *core.Thread, lists [3][]selectEntry, fds []pollFd) core.Object {
	masks := [3]int16{pollIn | pollHup | pollErr, pollOut | pollErr, pollPri}
	out := make([]core.Object, 3)
	k := 0
	for i, l := range lists {
		var ready []core.Object
		for _, e := range l {
			if fds != nil && fds[k].revents&masks[i] != 0 {
				th.Incref(e.obj)
				ready = append(ready, e.obj)
			}
			k++
		}
		out[i] = th.NewList(ready)
	}
	return th.NewTuple(out)
}
