//go:build linux

package stdlib

import (
	"bytes"
	"strings"
	"unicode/utf8"

	"github.com/rwgil/rwgil/core"
)

// socket.makefile: a file object over a socket, for the programs that
// read a connection line by line (for line in conn.makefile()). Reads
// are buffered; writes go to the socket at once (flush does nothing).
// Text mode decodes UTF-8 and reads "\r\n" as "\n".

// sockFile is the Go side of one file object.
type sockFile struct {
	sock     *sockState
	read     bool
	write    bool
	text     bool
	closed   bool
	buf      []byte // read ahead, not yet returned
	eof      bool
	encoding string
	// lock orders the threads that use the file; it waits detached, so a
	// thread blocked reading does not stop the others from running.
	lock *core.Lock
}

func (m *socketMod) makeFileClass(th *core.Thread, module string) (*core.Type, error) {
	ns := th.NewDict()
	defer th.Decref(ns)
	methods := []struct {
		name string
		fn   func(th *core.Thread, f *sockFile, self core.Object, args []core.Object, kw map[string]core.Object) (core.Object, error)
	}{
		{"read", fileRead}, {"readline", fileReadline}, {"readlines", fileReadlines},
		{"write", fileWrite}, {"writelines", fileWritelines}, {"flush", fileFlush},
		{"close", fileClose}, {"readable", fileReadable}, {"writable", fileWritable},
		{"__iter__", fileIter}, {"__next__", fileNext}, {"__enter__", fileIter}, {"__exit__", fileClose},
	}
	for _, meth := range methods {
		meth := meth
		b := th.NewMethod(meth.name, func(th *core.Thread, args []core.Object, kw map[string]core.Object) (core.Object, error) {
			f, err := fileSelf(th, meth.name, args)
			if err != nil {
				return nil, err
			}
			if meth.name == "__exit__" {
				kw, args = nil, args[:1]
			}
			if _, err := f.lock.Acquire(th, true, core.Forever); err != nil {
				return nil, err
			}
			r, err := meth.fn(th, f, args[0], args[1:], kw)
			if rerr := f.lock.Release(th); err == nil && rerr != nil {
				th.XDecref(r)
				return nil, rerr
			}
			return r, err
		})
		err := th.DictSetStr(ns, meth.name, b)
		th.Decref(b)
		if err != nil {
			return nil, err
		}
	}
	return th.NewClass("SocketFile", nil, ns, module)
}

func fileSelf(th *core.Thread, fname string, args []core.Object) (*sockFile, error) {
	if len(args) > 0 {
		if inst, ok := args[0].(*core.Instance); ok {
			c, err := th.GetAttr(inst, "_file")
			if err != nil {
				th.Discard(err)
			} else {
				defer th.Decref(c)
				if cap, ok := c.(*core.Capsule); ok {
					if f, ok := cap.Value().(*sockFile); ok {
						return f, nil
					}
				}
			}
		}
	}
	what := "nothing"
	if len(args) > 0 {
		what = "a '" + args[0].Type().Name() + "' object"
	}
	return nil, th.Raisef(th.RaiseType("TypeError"), "descriptor '%s' for 'SocketFile' objects doesn't apply to %s", fname, what)
}

// makefile is socket.makefile(mode='r', buffering=None, *,
// encoding=None, errors=None, newline=None).
func (m *socketMod) makefile(th *core.Thread, s *sockState, self core.Object, args []core.Object, kw map[string]core.Object) (core.Object, error) {
	p, err := sockParams(th, "makefile", args, kw, []string{"mode", "buffering", "encoding", "errors", "newline"}, 0, 2)
	if err != nil {
		return nil, err
	}
	mode := "r"
	if p[0] != nil {
		if mode, err = th.StrArg("makefile", p[0]); err != nil {
			return nil, err
		}
	}
	f := &sockFile{sock: s, lock: th.NewLock(), encoding: "utf-8"}
	for _, c := range mode {
		switch c {
		case 'r':
			f.read = true
		case 'w':
			f.write = true
		case 'b':
		default:
			return nil, th.Raisef(th.RaiseType("ValueError"), "invalid mode '%s' (only r, w, b allowed)", mode)
		}
	}
	f.text = !strings.Contains(mode, "b")
	if !f.read && !f.write {
		return nil, th.Raisef(th.RaiseType("ValueError"), "invalid mode '%s' (only r, w, b allowed)", mode)
	}
	if p[2] != nil && p[2] != th.Runtime().None {
		enc, err := th.StrArg("makefile", p[2])
		if err != nil {
			return nil, err
		}
		switch strings.ToLower(strings.ReplaceAll(enc, "_", "-")) {
		case "utf-8", "utf8", "ascii", "us-ascii":
		default:
			return nil, th.Raisef(th.RaiseType("LookupError"), "makefile(): rwgil's socket files know only UTF-8 and ASCII, not %s", enc)
		}
	}
	if _, err := sockFD(th, s); err != nil {
		return nil, err
	}
	o, err := th.Call(m.fileClass, nil, nil)
	if err != nil {
		return nil, err
	}
	c := th.NewCapsule("socket.SocketFile", f, nil)
	err = th.SetAttr(o, "_file", c)
	th.Decref(c)
	if err == nil {
		// The file keeps its socket alive, as CPython's does.
		err = th.SetAttr(o, "_socket", self)
	}
	if err == nil {
		ms := th.NewStr(mode)
		err = th.SetAttr(o, "mode", ms)
		th.Decref(ms)
	}
	if err != nil {
		th.Decref(o)
		return nil, err
	}
	return o, nil
}

// check raises what CPython's file objects raise for op on a closed
// file (a text file's words, or a binary one's) or one not open for it.
func (f *sockFile) check(th *core.Thread, reading bool, op string) error {
	switch {
	case f.closed && f.text:
		return th.Raise(th.RaiseType("ValueError"), "I/O operation on closed file.")
	case f.closed && op == "write":
		return th.Raise(th.RaiseType("ValueError"), "write to closed file")
	case f.closed:
		return th.Raise(th.RaiseType("ValueError"), op+" of closed file")
	case reading && !f.read:
		return th.Raise(th.RaiseType("OSError"), "not readable")
	case !reading && !f.write:
		return th.Raise(th.RaiseType("OSError"), "not writable")
	}
	return nil
}

// fill reads more from the socket into the buffer; false at the end of
// the stream.
func (f *sockFile) fill(th *core.Thread) (bool, error) {
	if f.eof {
		return false, nil
	}
	b, _, err := sockRead(th, f.sock, 65536, 0)
	if err != nil {
		return false, err
	}
	if len(b) == 0 {
		f.eof = true
		return false, nil
	}
	f.buf = append(f.buf, b...)
	return true, nil
}

// result converts bytes read to what the file returns: bytes, or a str
// in text mode.
func (f *sockFile) result(th *core.Thread, b []byte) (core.Object, error) {
	if !f.text {
		return th.NewBytes(b), nil
	}
	if !utf8.Valid(b) {
		return nil, th.Raise(th.RaiseType("ValueError"), "'utf-8' codec can't decode the bytes read from the socket")
	}
	s := strings.ReplaceAll(string(b), "\r\n", "\n")
	return th.NewStr(s), nil
}

// take removes n bytes from the buffer (in text mode, extended to a
// whole UTF-8 character).
func (f *sockFile) take(n int) []byte {
	n = min(n, len(f.buf))
	if f.text {
		for n < len(f.buf) && !utf8.RuneStart(f.buf[n]) {
			n++
		}
	}
	out := append([]byte(nil), f.buf[:n]...)
	f.buf = f.buf[n:]
	return out
}

func fileSize(th *core.Thread, o core.Object) (int, error) {
	if o == nil || o == th.Runtime().None {
		return -1, nil
	}
	n, err := th.IntArg("read", o)
	if n < 0 {
		n = -1
	}
	return int(n), err
}

func fileRead(th *core.Thread, f *sockFile, self core.Object, args []core.Object, kw map[string]core.Object) (core.Object, error) {
	p, err := sockParams(th, "read", args, kw, []string{"size"}, 0, 1)
	if err != nil {
		return nil, err
	}
	if err := f.check(th, true, "read"); err != nil {
		return nil, err
	}
	n, err := fileSize(th, p[0])
	if err != nil {
		return nil, err
	}
	for n < 0 || len(f.buf) < n {
		more, err := f.fill(th)
		if err != nil {
			return nil, err
		}
		if !more {
			break
		}
	}
	if n < 0 {
		n = len(f.buf)
	}
	return f.result(th, f.take(n))
}

// line is the next line (with its "\n"), or what is left at the end.
func (f *sockFile) line(th *core.Thread, limit int) ([]byte, error) {
	for {
		if i := bytes.IndexByte(f.buf, '\n'); i >= 0 && (limit < 0 || i < limit) {
			return f.take(i + 1), nil
		}
		if limit >= 0 && len(f.buf) >= limit {
			return f.take(limit), nil
		}
		more, err := f.fill(th)
		if err != nil {
			return nil, err
		}
		if !more {
			return f.take(len(f.buf)), nil
		}
	}
}

func fileReadline(th *core.Thread, f *sockFile, self core.Object, args []core.Object, kw map[string]core.Object) (core.Object, error) {
	p, err := sockParams(th, "readline", args, kw, []string{"size"}, 0, 1)
	if err != nil {
		return nil, err
	}
	if err := f.check(th, true, "readline"); err != nil {
		return nil, err
	}
	n, err := fileSize(th, p[0])
	if err != nil {
		return nil, err
	}
	b, err := f.line(th, n)
	if err != nil {
		return nil, err
	}
	return f.result(th, b)
}

func fileReadlines(th *core.Thread, f *sockFile, self core.Object, args []core.Object, kw map[string]core.Object) (core.Object, error) {
	if _, err := sockParams(th, "readlines", args, kw, []string{"hint"}, 0, 1); err != nil {
		return nil, err
	}
	if err := f.check(th, true, "readline"); err != nil {
		return nil, err
	}
	var lines []core.Object
	for {
		b, err := f.line(th, -1)
		if err == nil && len(b) == 0 {
			return th.NewList(lines), nil
		}
		var o core.Object
		if err == nil {
			o, err = f.result(th, b)
		}
		if err != nil {
			for _, l := range lines {
				th.Decref(l)
			}
			return nil, err
		}
		lines = append(lines, o)
	}
}

func fileNext(th *core.Thread, f *sockFile, self core.Object, args []core.Object, kw map[string]core.Object) (core.Object, error) {
	if err := f.check(th, true, "readline"); err != nil {
		return nil, err
	}
	b, err := f.line(th, -1)
	if err != nil {
		return nil, err
	}
	if len(b) == 0 {
		return nil, th.Raise(th.RaiseType("StopIteration"), "")
	}
	return f.result(th, b)
}

func fileIter(th *core.Thread, f *sockFile, self core.Object, args []core.Object, kw map[string]core.Object) (core.Object, error) {
	if f.closed {
		return nil, th.Raise(th.RaiseType("ValueError"), "I/O operation on closed file.")
	}
	th.Incref(self)
	return self, nil
}

func (f *sockFile) send(th *core.Thread, o core.Object) (int, error) {
	var data []byte
	n := 0
	if f.text {
		s, ok := o.(*core.Str)
		if !ok {
			return 0, th.Raisef(th.RaiseType("TypeError"), "write() argument must be str, not %s", o.Type().Name())
		}
		data = []byte(s.String())
		n = utf8.RuneCount(data)
	} else {
		b, err := sockData(th, o)
		if err != nil {
			return 0, err
		}
		data, n = b, len(b)
	}
	timeout, deadline := sockDeadline(f.sock)
	for len(data) > 0 {
		var sent int
		if err := sockCall(th, f.sock, pollOut, timeout, deadline, func(fd int) error {
			var err error
			sent, err = sysSend(fd, data, 0)
			return err
		}); err != nil {
			return 0, err
		}
		data = data[sent:]
	}
	return n, nil
}

func fileWrite(th *core.Thread, f *sockFile, self core.Object, args []core.Object, kw map[string]core.Object) (core.Object, error) {
	p, err := sockParams(th, "write", args, kw, []string{"data"}, 1, 1)
	if err != nil {
		return nil, err
	}
	if err := f.check(th, false, "write"); err != nil {
		return nil, err
	}
	n, err := f.send(th, p[0])
	if err != nil {
		return nil, err
	}
	return th.NewInt(int64(n)), nil
}

func fileWritelines(th *core.Thread, f *sockFile, self core.Object, args []core.Object, kw map[string]core.Object) (core.Object, error) {
	p, err := sockParams(th, "writelines", args, kw, []string{"lines"}, 1, 1)
	if err != nil {
		return nil, err
	}
	if err := f.check(th, false, "write"); err != nil {
		return nil, err
	}
	it, err := th.Iter(p[0])
	if err != nil {
		return nil, err
	}
	defer th.Decref(it)
	for {
		item, ok, err := th.Next(it)
		if err != nil {
			return nil, err
		}
		if !ok {
			return th.Runtime().None, nil
		}
		_, err = f.send(th, item)
		th.Decref(item)
		if err != nil {
			return nil, err
		}
	}
}

func fileFlush(th *core.Thread, f *sockFile, self core.Object, args []core.Object, kw map[string]core.Object) (core.Object, error) {
	if f.closed {
		return nil, f.check(th, false, "flush")
	}
	return th.Runtime().None, nil
}

func fileClose(th *core.Thread, f *sockFile, self core.Object, args []core.Object, kw map[string]core.Object) (core.Object, error) {
	f.closed = true
	f.buf = nil
	return th.Runtime().None, nil
}

func fileReadable(th *core.Thread, f *sockFile, self core.Object, args []core.Object, kw map[string]core.Object) (core.Object, error) {
	return th.Runtime().Bool(f.read), nil
}

func fileWritable(th *core.Thread, f *sockFile, self core.Object, args []core.Object, kw map[string]core.Object) (core.Object, error) {
	return th.Runtime().Bool(f.write), nil
}
