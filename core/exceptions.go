package core

import (
	"strconv"
	"strings"
	"unsafe"
)

// The built-in exception hierarchy: CPython 3.12's, but for the exception
// groups. Exception classes whose instances carry attributes of their own
// (StopIteration.value, OSError.errno, ...) keep them in Exception.attrs,
// read and written through getset descriptors of the class, as CPython's
// member descriptors do; such a class is a layout of its own (its
// solid base), so that a class cannot derive from two of them.

// excTypes are the built-in exception classes.
type excTypes struct {
	BaseException, SystemExit, KeyboardInterrupt, GeneratorExit, Exception        *Type
	StopIteration, StopAsyncIteration, ArithmeticError, FloatingPointError        *Type
	OverflowError, ZeroDivisionError, AssertionError, AttributeError, BufferError *Type
	EOFError, ImportError, ModuleNotFoundError, LookupError, IndexError, KeyError *Type
	MemoryError, NameError, UnboundLocalError, OSError, BlockingIOError           *Type
	ChildProcessError, ConnectionError, BrokenPipeError, ConnectionAbortedError   *Type
	ConnectionRefusedError, ConnectionResetError, FileExistsError                 *Type
	FileNotFoundError, InterruptedError, IsADirectoryError, NotADirectoryError    *Type
	PermissionError, ProcessLookupError, TimeoutError, ReferenceError             *Type
	RuntimeError, NotImplementedError, RecursionError, SyntaxError                *Type
	IndentationError, TabError, SystemError, TypeError, ValueError, UnicodeError  *Type
	UnicodeDecodeError, UnicodeEncodeError, UnicodeTranslateError, Warning        *Type
	BytesWarning, DeprecationWarning, EncodingWarning, FutureWarning              *Type
	ImportWarning, PendingDeprecationWarning, ResourceWarning, RuntimeWarning     *Type
	SyntaxWarning, UnicodeWarning, UserWarning                                    *Type
	list                                                                          []*Type
}

// excAttrs names the attributes each exception layout keeps in
// Exception.attrs, in slot order.
var excAttrs = map[string][]string{
	"StopIteration":  {"value"},
	"SystemExit":     {"code"},
	"ImportError":    {"msg", "name", "path", "name_from"},
	"AttributeError": {"name", "obj"},
	"NameError":      {"name"},
	"OSError":        {"errno", "strerror", "filename", "filename2"},
	"SyntaxError":    {"msg", "filename", "lineno", "offset", "text", "end_lineno", "end_offset", "print_file_and_line"},
	"UnicodeError":   {"encoding", "object", "start", "end", "reason"},
}

// initExceptionTypes makes the hierarchy.
func (rt *Runtime) initExceptionTypes() {
	e := &rt.types.exc
	exc := func(dst **Type, name string, base *Type) {
		t := rt.newBuiltinType(name, base, nil)
		t.exception = true
		t.subclassable = true
		t.basicSize = int64(unsafe.Sizeof(Exception{}))
		if base != nil && base.exception {
			t.solid = base.solid
		}
		if _, ok := excAttrs[name]; ok {
			t.solid = t
		}
		*dst = t
		e.list = append(e.list, t)
	}
	obj := rt.types.object
	exc(&e.BaseException, "BaseException", obj)
	exc(&e.SystemExit, "SystemExit", e.BaseException)
	exc(&e.KeyboardInterrupt, "KeyboardInterrupt", e.BaseException)
	exc(&e.GeneratorExit, "GeneratorExit", e.BaseException)
	exc(&e.Exception, "Exception", e.BaseException)
	exc(&e.StopIteration, "StopIteration", e.Exception)
	exc(&e.StopAsyncIteration, "StopAsyncIteration", e.Exception)
	exc(&e.ArithmeticError, "ArithmeticError", e.Exception)
	exc(&e.FloatingPointError, "FloatingPointError", e.ArithmeticError)
	exc(&e.OverflowError, "OverflowError", e.ArithmeticError)
	exc(&e.ZeroDivisionError, "ZeroDivisionError", e.ArithmeticError)
	exc(&e.AssertionError, "AssertionError", e.Exception)
	exc(&e.AttributeError, "AttributeError", e.Exception)
	exc(&e.BufferError, "BufferError", e.Exception)
	exc(&e.EOFError, "EOFError", e.Exception)
	exc(&e.ImportError, "ImportError", e.Exception)
	exc(&e.ModuleNotFoundError, "ModuleNotFoundError", e.ImportError)
	exc(&e.LookupError, "LookupError", e.Exception)
	exc(&e.IndexError, "IndexError", e.LookupError)
	exc(&e.KeyError, "KeyError", e.LookupError)
	exc(&e.MemoryError, "MemoryError", e.Exception)
	exc(&e.NameError, "NameError", e.Exception)
	exc(&e.UnboundLocalError, "UnboundLocalError", e.NameError)
	exc(&e.OSError, "OSError", e.Exception)
	exc(&e.BlockingIOError, "BlockingIOError", e.OSError)
	exc(&e.ChildProcessError, "ChildProcessError", e.OSError)
	exc(&e.ConnectionError, "ConnectionError", e.OSError)
	exc(&e.BrokenPipeError, "BrokenPipeError", e.ConnectionError)
	exc(&e.ConnectionAbortedError, "ConnectionAbortedError", e.ConnectionError)
	exc(&e.ConnectionRefusedError, "ConnectionRefusedError", e.ConnectionError)
	exc(&e.ConnectionResetError, "ConnectionResetError", e.ConnectionError)
	exc(&e.FileExistsError, "FileExistsError", e.OSError)
	exc(&e.FileNotFoundError, "FileNotFoundError", e.OSError)
	exc(&e.InterruptedError, "InterruptedError", e.OSError)
	exc(&e.IsADirectoryError, "IsADirectoryError", e.OSError)
	exc(&e.NotADirectoryError, "NotADirectoryError", e.OSError)
	exc(&e.PermissionError, "PermissionError", e.OSError)
	exc(&e.ProcessLookupError, "ProcessLookupError", e.OSError)
	exc(&e.TimeoutError, "TimeoutError", e.OSError)
	exc(&e.ReferenceError, "ReferenceError", e.Exception)
	exc(&e.RuntimeError, "RuntimeError", e.Exception)
	exc(&e.NotImplementedError, "NotImplementedError", e.RuntimeError)
	exc(&e.RecursionError, "RecursionError", e.RuntimeError)
	exc(&e.SyntaxError, "SyntaxError", e.Exception)
	exc(&e.IndentationError, "IndentationError", e.SyntaxError)
	exc(&e.TabError, "TabError", e.IndentationError)
	exc(&e.SystemError, "SystemError", e.Exception)
	exc(&e.TypeError, "TypeError", e.Exception)
	exc(&e.ValueError, "ValueError", e.Exception)
	exc(&e.UnicodeError, "UnicodeError", e.ValueError)
	exc(&e.UnicodeDecodeError, "UnicodeDecodeError", e.UnicodeError)
	exc(&e.UnicodeEncodeError, "UnicodeEncodeError", e.UnicodeError)
	exc(&e.UnicodeTranslateError, "UnicodeTranslateError", e.UnicodeError)
	exc(&e.Warning, "Warning", e.Exception)
	exc(&e.BytesWarning, "BytesWarning", e.Warning)
	exc(&e.DeprecationWarning, "DeprecationWarning", e.Warning)
	exc(&e.EncodingWarning, "EncodingWarning", e.Warning)
	exc(&e.FutureWarning, "FutureWarning", e.Warning)
	exc(&e.ImportWarning, "ImportWarning", e.Warning)
	exc(&e.PendingDeprecationWarning, "PendingDeprecationWarning", e.Warning)
	exc(&e.ResourceWarning, "ResourceWarning", e.Warning)
	exc(&e.RuntimeWarning, "RuntimeWarning", e.Warning)
	exc(&e.SyntaxWarning, "SyntaxWarning", e.Warning)
	exc(&e.UnicodeWarning, "UnicodeWarning", e.Warning)
	exc(&e.UserWarning, "UserWarning", e.Warning)
}

// all lists the built-in exception classes, for the builtins module.
func (e *excTypes) all() []*Type { return e.list }

// excLayout is the built-in class that fixes e's attribute slots: the
// exception class of excAttrs that e's class derives from, or nil.
func excLayout(t *Type) *Type {
	s := t.solid
	if _, ok := excAttrs[s.name]; ok && s.builtin {
		return s
	}
	return nil
}

// excAttr returns e's built-in attribute name (borrowed; None if unset).
func (e *Exception) excAttr(name string) Object {
	if l := excLayout(e.typ); l != nil {
		for i, n := range excAttrs[l.name] {
			if n == name && i < len(e.attrs) && e.attrs[i] != nil {
				return e.attrs[i]
			}
		}
	}
	return e.typ.rt.None
}

// setExcAttr sets e's built-in attribute name to v (borrowed).
func (th *Thread) setExcAttr(e *Exception, name string, v Object) {
	l := excLayout(e.typ)
	if l == nil {
		return
	}
	names := excAttrs[l.name]
	if len(e.attrs) < len(names) {
		e.attrs = append(e.attrs, make([]Object, len(names)-len(e.attrs))...)
	}
	for i, n := range names {
		if n == name {
			old := e.attrs[i]
			e.attrs[i] = th.newRef(v)
			th.XDecref(old)
			return
		}
	}
}

// osErrnoClass maps errno values to the OSError subclasses that
// OSError(errno, ...) makes (Linux's numbers).
func (e *excTypes) osErrnoClass(errno int64) *Type {
	switch errno {
	case 11, 114, 115: // EAGAIN (EWOULDBLOCK), EALREADY, EINPROGRESS
		return e.BlockingIOError
	case 10: // ECHILD
		return e.ChildProcessError
	case 32, 108: // EPIPE, ESHUTDOWN
		return e.BrokenPipeError
	case 103: // ECONNABORTED
		return e.ConnectionAbortedError
	case 111: // ECONNREFUSED
		return e.ConnectionRefusedError
	case 104: // ECONNRESET
		return e.ConnectionResetError
	case 17: // EEXIST
		return e.FileExistsError
	case 2: // ENOENT
		return e.FileNotFoundError
	case 4: // EINTR
		return e.InterruptedError
	case 21: // EISDIR
		return e.IsADirectoryError
	case 20: // ENOTDIR
		return e.NotADirectoryError
	case 1, 13: // EPERM, EACCES
		return e.PermissionError
	case 3: // ESRCH
		return e.ProcessLookupError
	case 110: // ETIMEDOUT
		return e.TimeoutError
	}
	return nil
}

// initException is the __init__ of the built-in exception classes: the
// arguments become args, and the classes with attributes of their own
// set them from the arguments as CPython's do.
func (th *Thread) initException(e *Exception, args []Object, kw map[string]Object) error {
	exc := &th.rt.types.exc
	l := excLayout(e.typ)
	kwOK := l == exc.ImportError || l == exc.AttributeError || l == exc.NameError
	if len(kw) > 0 && !kwOK {
		return th.Raisef(exc.TypeError, "%s() takes no keyword arguments", e.typ.name)
	}
	th.setArgs(e, args)
	switch l {
	case exc.StopIteration:
		v := th.rt.None
		if len(args) > 0 {
			v = args[0]
		}
		th.setExcAttr(e, "value", v)
	case exc.SystemExit:
		var v Object = th.rt.None
		switch len(args) {
		case 0:
		case 1:
			v = args[0]
		default:
			v = e.args
		}
		th.setExcAttr(e, "code", v)
	case exc.ImportError, exc.AttributeError, exc.NameError:
		allowed := map[*Type][]string{exc.ImportError: {"name", "path", "name_from"}, exc.AttributeError: {"name", "obj"}, exc.NameError: {"name"}}[l]
		if err := th.checkKwargs(l.name, kw, allowed...); err != nil {
			return err
		}
		for _, k := range allowed {
			if v, ok := kw[k]; ok {
				th.setExcAttr(e, k, v)
			}
		}
		if l == exc.ImportError {
			var msg Object = th.rt.None
			if len(args) == 1 {
				msg = args[0]
			}
			th.setExcAttr(e, "msg", msg)
		}
	case exc.OSError:
		if len(args) >= 2 && len(args) <= 5 {
			th.setExcAttr(e, "errno", args[0])
			th.setExcAttr(e, "strerror", args[1])
			if len(args) >= 3 {
				th.setExcAttr(e, "filename", args[2])
				if len(args) == 5 {
					th.setExcAttr(e, "filename2", args[4])
				}
				th.setArgs(e, args[:2])
			}
		}
	case exc.SyntaxError:
		if len(args) >= 1 {
			th.setExcAttr(e, "msg", args[0])
		}
		if len(args) == 2 {
			info, ok := args[1].(*Tuple)
			if !ok {
				return th.Raise(exc.TypeError, "tuple index out of range")
			}
			if n := len(info.items); n < 4 || n > 6 {
				return th.Raise(exc.IndexError, "tuple index out of range")
			}
			for i, name := range []string{"filename", "lineno", "offset", "text", "end_lineno", "end_offset"} {
				if i < len(info.items) {
					th.setExcAttr(e, name, info.items[i])
				}
			}
		}
	case exc.UnicodeError:
		return th.initUnicodeError(e, args)
	}
	return nil
}

// initUnicodeError checks and stores UnicodeDecodeError's and
// UnicodeEncodeError's five arguments.
func (th *Thread) initUnicodeError(e *Exception, args []Object) error {
	exc := &th.rt.types.exc
	var kinds []string
	switch {
	case e.typ.IsSubtype(exc.UnicodeDecodeError):
		kinds = []string{"str", "bytes", "int", "int", "str"}
	case e.typ.IsSubtype(exc.UnicodeEncodeError):
		kinds = []string{"str", "str", "int", "int", "str"}
	default:
		return nil
	}
	if len(args) != 5 {
		return th.Raisef(exc.TypeError, "function takes exactly 5 arguments (%d given)", len(args))
	}
	for i, k := range kinds {
		ok := false
		switch k {
		case "str":
			_, ok = args[i].(*Str)
		case "bytes":
			_, ok = args[i].(*Bytes)
		case "int":
			_, _, ok = intValue(args[i])
		}
		if !ok {
			return th.Raisef(exc.TypeError, "argument %d must be %s, not %s", i+1, k, args[i].Type().name)
		}
	}
	for i, n := range []string{"encoding", "object", "start", "end", "reason"} {
		th.setExcAttr(e, n, args[i])
	}
	return nil
}

// setArgs replaces e.args with a tuple of args (borrowed).
func (th *Thread) setArgs(e *Exception, args []Object) {
	old := e.args
	e.args = th.Pack(args...)
	th.XDecref(old)
}

// excStr is str(e) for the built-in exception classes: BaseException's
// rule (nothing, the one argument's str, or the arguments' tuple) and the
// classes that say more.
func (th *Thread) excStr(e *Exception) (string, error) {
	return th.rt.excStrWith(e, th.Str, th.Repr)
}

// excStrNoThread is excStr where no Python code may run: objects whose
// str or repr would need it are written as <Type object>.
func (rt *Runtime) excStrNoThread(e *Exception) (string, error) {
	repr := func(o Object) (string, error) {
		if s, ok := shortRepr(o); ok {
			return s, nil
		}
		return "<" + o.Type().name + " object>", nil
	}
	str := func(o Object) (string, error) {
		if s, ok := o.(*Str); ok {
			return s.s, nil
		}
		return repr(o)
	}
	return rt.excStrWith(e, str, repr)
}

// ExceptionLine is the last line of e's traceback, as CPython prints it:
// the class (with its module unless builtins or __main__), then ": " and
// str(e) unless that is empty; "<exception str() failed>" if str(e)
// raises.
func (th *Thread) ExceptionLine(e *Exception) string {
	s, err := th.Str(e)
	if err != nil {
		th.Discard(err)
		return e.typeLabel() + ": <exception str() failed>"
	}
	if s == "" {
		return e.typeLabel()
	}
	return e.typeLabel() + ": " + s
}

// excStrWith is excStr with the given str and repr.
func (rt *Runtime) excStrWith(e *Exception, str, repr func(Object) (string, error)) (string, error) {
	exc := &rt.types.exc
	switch excLayout(e.typ) {
	case exc.OSError:
		errno, strerror := e.excAttr("errno"), e.excAttr("strerror")
		fn, fn2 := e.excAttr("filename"), e.excAttr("filename2")
		none := rt.None
		if fn != none {
			a, err := str(errno)
			if err != nil {
				return "", err
			}
			b, err := str(strerror)
			if err != nil {
				return "", err
			}
			c, err := repr(fn)
			if err != nil {
				return "", err
			}
			s := "[Errno " + a + "] " + b + ": " + c
			if fn2 != none {
				d, err := repr(fn2)
				if err != nil {
					return "", err
				}
				s += " -> " + d
			}
			return s, nil
		}
		if errno != none && strerror != none {
			a, err := str(errno)
			if err != nil {
				return "", err
			}
			b, err := str(strerror)
			if err != nil {
				return "", err
			}
			return "[Errno " + a + "] " + b, nil
		}
	case exc.ImportError:
		if m, ok := e.excAttr("msg").(*Str); ok {
			return m.s, nil
		}
	case exc.SyntaxError:
		msg, err := str(e.excAttr("msg"))
		if err != nil {
			return "", err
		}
		filename := ""
		if f, ok := e.excAttr("filename").(*Str); ok {
			filename = f.s
			if i := strings.LastIndexByte(filename, '/'); i >= 0 {
				filename = filename[i+1:]
			}
		}
		lv, lb, haveLine := intValue(e.excAttr("lineno"))
		line := intString(lv, lb)
		switch {
		case filename != "" && haveLine:
			return msg + " (" + filename + ", line " + line + ")", nil
		case filename != "":
			return msg + " (" + filename + ")", nil
		case haveLine:
			return msg + " (line " + line + ")", nil
		}
		return msg, nil
	case exc.UnicodeError:
		if s, ok := rt.unicodeErrorStr(e); ok {
			return s, nil
		}
	}
	switch len(e.args.items) {
	case 0:
		return "", nil
	case 1:
		if e.typ.IsSubtype(exc.KeyError) {
			return repr(e.args.items[0])
		}
		return str(e.args.items[0])
	}
	return repr(e.args)
}

// unicodeErrorStr is str() of UnicodeDecodeError and UnicodeEncodeError.
func (rt *Runtime) unicodeErrorStr(e *Exception) (string, bool) {
	enc, ok1 := e.excAttr("encoding").(*Str)
	reason, ok2 := e.excAttr("reason").(*Str)
	start, _, ok3 := intValue(e.excAttr("start"))
	end, _, ok4 := intValue(e.excAttr("end"))
	if !ok1 || !ok2 || !ok3 || !ok4 {
		return "", false
	}
	exc := &rt.types.exc
	switch {
	case e.typ.IsSubtype(exc.UnicodeDecodeError):
		b, ok := e.excAttr("object").(*Bytes)
		if !ok {
			return "", false
		}
		if end == start+1 && start >= 0 && start < int64(len(b.b)) {
			return "'" + enc.s + "' codec can't decode byte 0x" + hex2(b.b[start]) + " in position " + strconv.FormatInt(start, 10) + ": " + reason.s, true
		}
		return "'" + enc.s + "' codec can't decode bytes in position " + strconv.FormatInt(start, 10) + "-" + strconv.FormatInt(end-1, 10) + ": " + reason.s, true
	case e.typ.IsSubtype(exc.UnicodeEncodeError):
		s, ok := e.excAttr("object").(*Str)
		if !ok {
			return "", false
		}
		r := s.runes()
		if end == start+1 && start >= 0 && start < int64(len(r)) {
			c := r[start]
			var esc string
			switch {
			case c <= 0xff:
				esc = `\x` + hex2(byte(c))
			case c <= 0xffff:
				esc = `\u` + hex2(byte(c>>8)) + hex2(byte(c))
			default:
				esc = `\U` + "00" + hex2(byte(c>>16)) + hex2(byte(c>>8)) + hex2(byte(c))
			}
			return "'" + enc.s + "' codec can't encode character '" + esc + "' in position " + strconv.FormatInt(start, 10) + ": " + reason.s, true
		}
		return "'" + enc.s + "' codec can't encode characters in position " + strconv.FormatInt(start, 10) + "-" + strconv.FormatInt(end-1, 10) + ": " + reason.s, true
	}
	return "", false
}

// excRepr is BaseException's repr: the class name and the arguments.
func (th *Thread) excRepr(e *Exception) (string, error) {
	if len(e.args.items) == 1 {
		r, err := th.Repr(e.args.items[0])
		if err != nil {
			return "", err
		}
		return e.typ.name + "(" + r + ")", nil
	}
	r, err := th.Repr(e.args)
	if err != nil {
		return "", err
	}
	return e.typ.name + r, nil
}

// setTraceback is e.__traceback__ = v and e.with_traceback(v).
func (th *Thread) setTraceback(e *Exception, v Object) error {
	switch t := v.(type) {
	case *singleton:
		if v == th.rt.None {
			e.traceback = nil
			return nil
		}
	case *TracebackObject:
		var entries []TraceEntry // outermost first
		for ; t != nil; t = t.next {
			entries = append(entries, t.entry)
		}
		e.traceback = make([]TraceEntry, len(entries))
		for i, en := range entries {
			e.traceback[len(entries)-1-i] = en
		}
		e.tbFrame = 0
		return nil
	}
	return th.Raise(th.rt.types.exc.TypeError, "__traceback__ must be a traceback or None")
}
