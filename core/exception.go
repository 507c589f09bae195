package core

import (
	"errors"
	"fmt"
	"strings"

	"github.com/rwgil/rwgil/core/bytecode"
	"github.com/rwgil/rwgil/refcount"
)

// Exception is an instance of BaseException or of a class derived from
// it. A raised exception travels through Go code as an error: *Exception
// implements error, and an error returned by core owns one reference to
// the exception. Whoever handles the error -- the eval loop's except
// clause, or Go code that gives up on it with Discard -- takes that
// reference over.
type Exception struct {
	Instance
	args *Tuple
	// traceback lists where the exception passed, innermost first: the
	// eval loop appends a frame's position as the exception leaves it.
	traceback []TraceEntry
	// tbPos is parallel to traceback: the source span of the instruction
	// that raised in each frame (zero: unknown), for the caret lines.
	tbPos []bytecode.Position
	// tbFrame is the serial of the frame that last added to traceback.
	tbFrame uint64
	// cause is the exception given to `raise ... from`; context the one
	// being handled when this one was raised. Either may be nil.
	cause, context *Exception
	// suppressContext: `raise ... from None`, whose traceback leaves the
	// context out (__suppress_context__).
	suppressContext bool
	// attrs are the attributes of the built-in exception class that fixes
	// the layout (StopIteration.value, OSError.errno, ...: excAttrs), in
	// its order; nil entries are None.
	attrs []Object
	// nameFrame is what a NameError's "Did you mean" needs of the frame
	// it was raised in (suggest.go); nil for other exceptions.
	nameFrame *nameErrorFrame
}

// TraceEntry is one line of a traceback.
type TraceEntry struct {
	File string
	Line int
	Func string
}

// Dealloc implements refcount.Object.
func (e *Exception) Dealloc(by *refcount.Owner) {
	untrack(e, by)
	e.Instance.release(by)
	decrefBy(e.args, by)
	if e.cause != nil {
		decrefBy(e.cause, by)
	}
	if e.context != nil {
		decrefBy(e.context, by)
	}
	for _, a := range e.attrs {
		if a != nil {
			decrefBy(a, by)
		}
	}
	if e.nameFrame != nil {
		e.nameFrame.release(by)
	}
}

// Describe implements refcount.Object.
func (e *Exception) Describe() string { return describe(e) }

// Error returns "Type: message", as the last line of a Python traceback
// (the class's module first unless it is builtins or __main__). A message
// that only Python code could compute (a class's own __str__) is not
// computed: the arguments stand for it; Thread.ExceptionLine computes it.
func (e *Exception) Error() string {
	msg := e.Message()
	if msg == "" {
		return e.typeLabel()
	}
	return e.typeLabel() + ": " + msg
}

// typeLabel is the class as a traceback's last line names it.
func (e *Exception) typeLabel() string {
	t := e.typ
	if t.module == "builtins" || t.module == "__main__" || t.module == "" {
		return t.qualname
	}
	return t.module + "." + t.qualname
}

// TypeName returns the exception's class name.
func (e *Exception) TypeName() string { return e.typ.name }

// Args returns the exception's arguments, borrowed.
func (e *Exception) Args() *Tuple { return e.args }

// Message is str(exception) as far as it can be computed without running
// Python code: the built-in classes' rules (the one argument, KeyError's
// repr of it, OSError's "[Errno 2] ...", the arguments' tuple, ...), with
// reprs of objects that need Python code left out.
func (e *Exception) Message() string {
	s, _ := e.typ.rt.excStrNoThread(e)
	return s
}

// Traceback returns where the exception passed, outermost first (the
// order Python prints it in).
func (e *Exception) Traceback() []TraceEntry {
	out := make([]TraceEntry, len(e.traceback))
	for i, t := range e.traceback {
		out[len(out)-1-i] = t
	}
	return out
}

// FormatTraceback renders the exception as Python prints an uncaught one,
// its cause or context first.
// The last line of each exception is Error's: a class's own __str__ is
// not run (Thread.FormatException runs it).
func (e *Exception) FormatTraceback() string {
	var b strings.Builder
	e.formatTraceback(&b, map[*Exception]bool{}, (*Exception).Error)
	return b.String()
}

// FormatException renders e as CPython prints an uncaught exception, as
// FormatTraceback does, with each exception's last line computed by
// ExceptionLine: str(e), a class's own __str__ included. th must be
// attached.
//
// The last line of a NameError, AttributeError or ImportError ends with
// CPython 3.12's "Did you mean" suggestion, if there is one (suggest.go).
func (th *Thread) FormatException(e *Exception) string {
	var b strings.Builder
	e.formatTraceback(&b, map[*Exception]bool{}, func(e *Exception) string {
		return th.ExceptionLine(e) + th.suggestion(e)
	})
	return b.String()
}

func (e *Exception) formatTraceback(b *strings.Builder, seen map[*Exception]bool, lastLine func(*Exception) string) {
	seen[e] = true
	if e.cause != nil && !seen[e.cause] {
		e.cause.formatTraceback(b, seen, lastLine)
		b.WriteString("\nThe above exception was the direct cause of the following exception:\n\n")
	} else if e.context != nil && !e.suppressContext && !seen[e.context] {
		e.context.formatTraceback(b, seen, lastLine)
		b.WriteString("\nDuring handling of the above exception, another exception occurred:\n\n")
	}
	if len(e.traceback) > 0 {
		b.WriteString("Traceback (most recent call last):\n")
		rt := e.typ.rt
		// As CPython does, a run of more than three identical entries
		// (file, line and function: recursion) prints three and a count.
		var last TraceEntry
		repeats := 0
		for i := len(e.traceback) - 1; i >= 0; i-- {
			t := e.traceback[i]
			if i == len(e.traceback)-1 || t != last {
				writeRepeated(b, repeats)
				last, repeats = t, 0
			}
			if repeats++; repeats > tracebackRepeatCutoff {
				continue
			}
			fmt.Fprintf(b, "  File \"%s\", line %d, in %s\n", t.File, t.Line, t.Func)
			rt.writeSourceLine(b, t, e.tbPos[i])
		}
		writeRepeated(b, repeats)
	}
	b.WriteString(lastLine(e))
	b.WriteString("\n")
}

// tracebackRepeatCutoff is how many identical traceback entries in a row
// are printed before the rest are counted (CPython's TB_RECURSIVE_CUTOFF).
const tracebackRepeatCutoff = 3

// writeRepeated prints CPython's line for the entries past the cutoff.
func writeRepeated(b *strings.Builder, repeats int) {
	if n := repeats - tracebackRepeatCutoff; n > 0 {
		fmt.Fprintf(b, "  [Previous line repeated %d more time%s]\n", n, plural(n))
	}
}

// addTraceback records that the exception is leaving a frame, at an
// instruction whose source span is pos.
func (e *Exception) addTraceback(t TraceEntry, pos bytecode.Position) {
	e.traceback = append(e.traceback, t)
	e.tbPos = append(e.tbPos, pos)
}

// newException makes an exception of class t with args (references taken
// over).
func (th *Thread) newException(t *Type, args *Tuple) *Exception {
	e := &Exception{args: args}
	e.typ = t
	e.dict = th.NewDict()
	if !t.builtin {
		th.Incref(t)
	}
	th.track(e)
	return e
}

// NewException returns a new reference to an exception of class t with
// one str argument.
func (th *Thread) NewException(t *Type, msg string) *Exception {
	return th.newException(t, th.NewTuple([]Object{th.NewStr(msg)}))
}

// Raise returns, as an error, a new exception of class t with message
// msg: `return nil, th.Raise(exc.TypeError, "...")`.
func (th *Thread) Raise(t *Type, msg string) error {
	return th.NewException(t, msg)
}

// Raisef is Raise with a format.
func (th *Thread) Raisef(t *Type, format string, args ...any) error {
	return th.NewException(t, fmt.Sprintf(format, args...))
}

// RaiseFrom is Raise with a cause, as `raise t(msg) from cause` (cause
// is an error whose reference moves to the new exception).
func (th *Thread) RaiseFrom(t *Type, msg string, cause error) error {
	e := th.NewException(t, msg)
	e.cause, e.suppressContext = th.asException(cause), true
	return e
}

// RaiseType returns the built-in exception class called name, for code
// outside core that raises: th.Raise(th.RaiseType("ValueError"), ...).
func (th *Thread) RaiseType(name string) *Type {
	if t := th.rt.ExceptionType(name); t != nil {
		return t
	}
	return th.rt.types.exc.SystemError
}

// raiseWithArg raises t with one argument object (borrowed): KeyError(k).
func (th *Thread) raiseWithArg(t *Type, arg Object) error {
	return th.newException(t, th.Pack(arg))
}

// Discard drops the reference an error holds, when Go code handles an
// error by giving up on it.
func (th *Thread) Discard(err error) {
	var e *Exception
	if errors.As(err, &e) {
		th.Decref(e)
	}
}

// asException turns any error into an exception the caller owns: an
// *Exception passes through (its reference moves), any other Go error
// becomes a SystemError naming it.
func (th *Thread) asException(err error) *Exception {
	var e *Exception
	if errors.As(err, &e) {
		return e
	}
	return th.NewException(th.rt.types.exc.SystemError, err.Error())
}

// IsInstance reports whether err is an exception of class t or a subclass.
func IsInstance(err error, t *Type) bool {
	var e *Exception
	return errors.As(err, &e) && e.typ.IsSubtype(t)
}

// IsExceptionNamed reports whether err is a Python exception of the
// built-in class called name or a subclass of it.
func IsExceptionNamed(err error, name string) bool {
	var e *Exception
	if !errors.As(err, &e) {
		return false
	}
	for c := e.typ; c != nil; c = c.base {
		if c.builtin && c.name == name {
			return true
		}
	}
	return false
}
