package core

import "time"

// What core offers the native modules of package stdlib (and extension
// modules) beyond the extension API of extension.go: methods for classes
// made with NewClass, the contents of bytes-like objects, and waits for
// things only Go code can see (a file descriptor's readiness).

// NewMethod returns a new reference to a Go function that binds like a
// method when it is an attribute of a class (NewClass's ns): looked up on
// an instance, it is called with the instance as args[0]. It checks
// nothing about args[0]: fn must check that it got an instance of its
// class.
func (th *Thread) NewMethod(name string, fn BuiltinFunc) *Builtin {
	b := th.NewBuiltin(name, fn)
	b.method = true
	return b
}

// BytesLike returns the contents of a bytes-like object (bytes or a
// bytearray, copied in its critical section), and false for anything
// else.
func (th *Thread) BytesLike(o Object) ([]byte, bool) { return th.bytesLike(o) }

// BytearrayLen is the length of a bytearray, read in its critical
// section; ok is false if o is not a bytearray.
func (th *Thread) BytearrayLen(o Object) (n int, ok bool) {
	b, ok := o.(*Bytes)
	if !ok || !b.mutable {
		return 0, false
	}
	return th.bytesLen(b), true
}

// CopyToBytearray copies data into the bytearray o from offset off on,
// in its critical section, stopping at the bytearray's end (it never
// grows it), and returns how many bytes it copied; ok is false if o is
// not a bytearray. It is what socket.recv_into needs: the read happens
// detached into a Go buffer, then lands in the bytearray atomically.
func (th *Thread) CopyToBytearray(o Object, off int, data []byte) (n int, ok bool) {
	b, ok := o.(*Bytes)
	if !ok || !b.mutable {
		return 0, false
	}
	th.beginCS(b)
	if off >= 0 && off < len(b.b) {
		n = copy(b.b[off:], data)
	}
	th.endCS()
	return n, true
}

// BlockOn waits, detached as AllowThreads waits, for something only Go
// code can see: it calls wait(step) detached, again and again, until wait
// reports that what it waits for happened or timeout has passed
// (Forever: no limit), and reports whether it happened. wait must return
// within about step (a poll(2) with that timeout, say); between two
// calls the thread attaches, so that the main thread of a program is
// interrupted by SIGINT (KeyboardInterrupt) as CPython's blocking calls
// are, and the steps are at most interruptPoll long. wait must not use
// the thread.
func (th *Thread) BlockOn(timeout time.Duration, wait func(step time.Duration) bool) (bool, error) {
	clock := time.Now()
	for {
		step := interruptPoll
		if timeout >= 0 {
			left := timeout - time.Since(clock)
			if left <= 0 {
				left = 0
			}
			step = min(step, left)
		}
		done := false
		if err := th.AllowThreads(func() { done = wait(step) }); err != nil {
			return false, err
		}
		if done {
			return true, nil
		}
		if err := th.checkInterrupt(); err != nil {
			return false, err
		}
		if timeout >= 0 && time.Since(clock) >= timeout {
			return false, nil
		}
	}
}
