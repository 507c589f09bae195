//go:build linux

package stdlib

import (
	"encoding/binary"
	"errors"
	"fmt"
	"math"
	"net"
	"os"
	"strings"
	"sync/atomic"
	"syscall"
	"time"

	"github.com/rwgil/rwgil/core"
)

// The socket module: CPython's socket API over real, loopback-only
// sockets (raw descriptors, netsys_linux.go). socket.socket is a class
// made with NewClass, so programs may subclass it; each instance keeps
// its descriptor in a capsule in its dict (_sock), closed when the
// instance dies, as CPython closes a socket it collects.
//
// Every call that does I/O (accept, connect, recv, send, sendall, ...)
// releases the lock around each system call, as CPython's socket module
// wraps every one in Py_BEGIN_ALLOW_THREADS even when it will not block:
// the attempt is a non-blocking system call made detached, and on EAGAIN
// the thread waits detached in ppoll (Thread.BlockOn), so other threads
// run under every policy, and the main thread still sees SIGINT. Taking
// the lock back after each call is what makes a GIL convoy (E5): a
// thread that released the GIL waits for a CPU-bound holder's switch
// interval to get it back.
//
// Under a deterministic schedule, making a socket raises OSError: the
// scheduler can neither see nor order a peer's progress.

func init() { add("socket", loadSocket) }

// sockState is the Go side of one socket object.
type sockState struct {
	// fd is the descriptor; -1 once closed or detached.
	fd                 atomic.Int64
	family, typ, proto int
	// timeout is in nanoseconds: -1 blocking (None), 0 non-blocking.
	timeout atomic.Int64
}

// close closes the descriptor once.
func (s *sockState) close() error {
	fd := s.fd.Swap(-1)
	if fd < 0 {
		return nil
	}
	return syscall.Close(int(fd))
}

// socketMod is one runtime's socket module.
type socketMod struct {
	// class is socket.socket, borrowed: the module's dict holds it.
	class *core.Type
	// fileClass is the class of makefile's file objects, borrowed the same way.
	fileClass *core.Type
	// defaultTimeout is setdefaulttimeout's, in nanoseconds (-1: None).
	defaultTimeout atomic.Int64
}

// The constants, with Linux's values (CPython's on Linux).
var socketConstants = []struct {
	name  string
	value int
}{
	{"AF_UNSPEC", syscall.AF_UNSPEC}, {"AF_INET", syscall.AF_INET}, {"AF_INET6", syscall.AF_INET6}, {"AF_UNIX", syscall.AF_UNIX},
	{"SOCK_STREAM", syscall.SOCK_STREAM}, {"SOCK_DGRAM", syscall.SOCK_DGRAM}, {"SOCK_RAW", syscall.SOCK_RAW},
	{"SOCK_NONBLOCK", syscall.SOCK_NONBLOCK}, {"SOCK_CLOEXEC", syscall.SOCK_CLOEXEC},
	{"SOL_SOCKET", syscall.SOL_SOCKET}, {"SO_REUSEADDR", syscall.SO_REUSEADDR}, {"SO_REUSEPORT", 0xf},
	{"SO_KEEPALIVE", syscall.SO_KEEPALIVE}, {"SO_RCVBUF", syscall.SO_RCVBUF}, {"SO_SNDBUF", syscall.SO_SNDBUF},
	{"SO_ERROR", syscall.SO_ERROR}, {"SO_TYPE", syscall.SO_TYPE}, {"SO_LINGER", syscall.SO_LINGER},
	{"SO_BROADCAST", syscall.SO_BROADCAST}, {"SO_RCVLOWAT", syscall.SO_RCVLOWAT}, {"SO_SNDLOWAT", syscall.SO_SNDLOWAT},
	{"IPPROTO_IP", syscall.IPPROTO_IP}, {"IPPROTO_TCP", syscall.IPPROTO_TCP}, {"IPPROTO_UDP", syscall.IPPROTO_UDP},
	{"IPPROTO_IPV6", syscall.IPPROTO_IPV6}, {"IPV6_V6ONLY", syscall.IPV6_V6ONLY},
	{"TCP_NODELAY", syscall.TCP_NODELAY}, {"TCP_KEEPIDLE", syscall.TCP_KEEPIDLE}, {"TCP_KEEPINTVL", syscall.TCP_KEEPINTVL},
	{"TCP_KEEPCNT", syscall.TCP_KEEPCNT},
	{"SHUT_RD", syscall.SHUT_RD}, {"SHUT_WR", syscall.SHUT_WR}, {"SHUT_RDWR", syscall.SHUT_RDWR},
	{"SOMAXCONN", syscall.SOMAXCONN},
	{"MSG_PEEK", syscall.MSG_PEEK}, {"MSG_DONTWAIT", syscall.MSG_DONTWAIT}, {"MSG_WAITALL", syscall.MSG_WAITALL},
	{"MSG_OOB", syscall.MSG_OOB}, {"MSG_NOSIGNAL", syscall.MSG_NOSIGNAL},
}

// loopbackOnly ends the message of every refused address.
const loopbackOnly = "(rwgil's socket module is loopback only: use '127.0.0.1', '::1' or 'localhost')"

func loadSocket(th *core.Thread, name string) (*core.Module, error) {
	m := &socketMod{}
	m.defaultTimeout.Store(-1)
	mod := th.NewModule(name)
	d := mod.Dict()
	set := func(k string, v core.Object) error {
		err := th.DictSetStr(d, k, v)
		th.Decref(v)
		return err
	}
	fail := func(err error) (*core.Module, error) {
		th.Decref(mod)
		return nil, err
	}
	for _, c := range socketConstants {
		if err := set(c.name, th.NewInt(int64(c.value))); err != nil {
			return fail(err)
		}
	}
	if err := set("has_ipv6", th.Runtime().True); err != nil {
		return fail(err)
	}
	for _, alias := range []struct{ name, builtin string }{{"error", "OSError"}, {"timeout", "TimeoutError"}} {
		t := th.RaiseType(alias.builtin)
		th.Incref(t)
		if err := set(alias.name, t); err != nil {
			return fail(err)
		}
	}
	for _, sub := range []string{"herror", "gaierror"} {
		t, err := th.NewClass(sub, []*core.Type{th.RaiseType("OSError")}, nil, name)
		if err != nil {
			return fail(err)
		}
		if err := set(sub, t); err != nil {
			return fail(err)
		}
	}
	class, err := m.newClass(th, name)
	if err != nil {
		return fail(err)
	}
	m.class = class
	fileClass, err := m.makeFileClass(th, name)
	if err != nil {
		return fail(err)
	}
	m.fileClass = fileClass
	if err := set("_SocketFile", fileClass); err != nil {
		return fail(err)
	}
	if err := set("socket", class); err != nil {
		return fail(err)
	}
	if err := th.DictSetStr(d, "SocketType", class); err != nil {
		return fail(err)
	}
	funcs := []struct {
		name string
		fn   core.BuiltinFunc
	}{
		{"socketpair", m.socketpair},
		{"create_connection", m.createConnection},
		{"create_server", m.createServer},
		{"gethostname", sockGethostname},
		{"gethostbyname", sockGethostbyname},
		{"getdefaulttimeout", m.getdefaulttimeout},
		{"setdefaulttimeout", m.setdefaulttimeout},
		{"htons", sockSwap("htons", 16)}, {"ntohs", sockSwap("ntohs", 16)},
		{"htonl", sockSwap("htonl", 32)}, {"ntohl", sockSwap("ntohl", 32)},
	}
	for _, f := range funcs {
		if err := set(f.name, th.NewBuiltin(f.name, f.fn)); err != nil {
			return fail(err)
		}
	}
	return mod, nil
}

// sockMethod is a method of socket.socket: fn gets the instance's state.
type sockMethod func(th *core.Thread, s *sockState, self core.Object, args []core.Object, kw map[string]core.Object) (core.Object, error)

// newClass makes socket.socket with its methods.
func (m *socketMod) newClass(th *core.Thread, module string) (*core.Type, error) {
	ns := th.NewDict()
	defer th.Decref(ns)
	methods := []struct {
		name string
		fn   sockMethod
	}{
		{"bind", m.bind}, {"listen", sockListen}, {"accept", m.accept},
		{"connect", m.connect}, {"connect_ex", m.connectEx},
		{"send", sockSendMethod}, {"sendall", sockSendall}, {"sendto", m.sendto},
		{"recv", sockRecv}, {"recv_into", sockRecvInto}, {"recvfrom", m.recvfrom},
		{"shutdown", sockShutdown}, {"setsockopt", sockSetsockopt}, {"getsockopt", sockGetsockopt},
		{"setblocking", sockSetblocking}, {"getblocking", sockGetblocking},
		{"settimeout", sockSettimeout}, {"gettimeout", sockGettimeout},
		{"getsockname", sockGetsockname}, {"getpeername", sockGetpeername},
		{"fileno", sockFileno}, {"makefile", m.makefile}, {"detach", sockDetach}, {"close", sockClose},
		{"__enter__", sockEnter}, {"__exit__", sockExit}, {"__repr__", sockRepr},
	}
	add := func(name string, fn core.BuiltinFunc) error {
		b := th.NewMethod(name, fn)
		err := th.DictSetStr(ns, name, b)
		th.Decref(b)
		return err
	}
	if err := add("__init__", m.init); err != nil {
		return nil, err
	}
	for _, meth := range methods {
		meth := meth
		if err := add(meth.name, func(th *core.Thread, args []core.Object, kw map[string]core.Object) (core.Object, error) {
			s, err := sockSelf(th, meth.name, args)
			if err != nil {
				return nil, err
			}
			return meth.fn(th, s, args[0], args[1:], kw)
		}); err != nil {
			return nil, err
		}
	}
	// s.timeout, read-only, as CPython's.
	getter := th.NewMethod("timeout", func(th *core.Thread, args []core.Object, kw map[string]core.Object) (core.Object, error) {
		s, err := sockSelf(th, "timeout", args)
		if err != nil {
			return nil, err
		}
		return sockTimeoutObject(th, s.timeout.Load()), nil
	})
	prop, err := th.NewProperty(getter)
	th.Decref(getter)
	if err != nil {
		return nil, err
	}
	err = th.DictSetStr(ns, "timeout", prop)
	th.Decref(prop)
	if err != nil {
		return nil, err
	}
	return th.NewClass("socket", nil, ns, module)
}

// sockSelf is the state of the socket a method was called on.
func sockSelf(th *core.Thread, fname string, args []core.Object) (*sockState, error) {
	if len(args) == 0 {
		return nil, th.Raisef(th.RaiseType("TypeError"), "descriptor '%s' of 'socket' object needs an argument", fname)
	}
	s := sockStateOf(th, args[0])
	if s == nil {
		if _, ok := args[0].(*core.Instance); !ok || args[0].Type().Module() != "socket" && !isSocketSubclass(args[0].Type()) {
			return nil, th.Raisef(th.RaiseType("TypeError"), "descriptor '%s' for 'socket' objects doesn't apply to a '%s' object", fname, args[0].Type().Name())
		}
		// A subclass whose __init__ did not call socket.__init__.
		return nil, sockErrno(th, syscall.EBADF)
	}
	return s, nil
}

func isSocketSubclass(t *core.Type) bool {
	for _, b := range t.MRO() {
		if b.Name() == "socket" && b.Module() == "socket" {
			return true
		}
	}
	return false
}

// sockStateOf is the state held by a socket object, or nil.
func sockStateOf(th *core.Thread, o core.Object) *sockState {
	inst, ok := o.(*core.Instance)
	if !ok {
		return nil
	}
	c, err := th.GetAttr(inst, "_sock")
	if err != nil {
		th.Discard(err)
		return nil
	}
	defer th.Decref(c)
	if cap, ok := c.(*core.Capsule); ok && cap.Name() == "socket.socket" {
		if s, ok := cap.Value().(*sockState); ok {
			return s
		}
	}
	return nil
}

// sockRefuseScheduled raises OSError under a deterministic schedule.
func sockRefuseScheduled(th *core.Thread, what string) error {
	if th.Runtime().Deterministic() {
		return th.Raisef(th.RaiseType("OSError"), "%s: real network I/O is refused under a deterministic schedule (the scheduler can neither see nor order it)", what)
	}
	return nil
}

// sockErrno raises OSError(e, strerror(e)), which is the subclass
// CPython picks for e (ConnectionRefusedError for ECONNREFUSED,
// BlockingIOError for EAGAIN, ...).
func sockErrno(th *core.Thread, e syscall.Errno) error {
	num, msg := th.NewInt(int64(e)), th.NewStr(strerror(e))
	defer th.Decref(num)
	defer th.Decref(msg)
	exc, err := th.Call(th.RaiseType("OSError"), []core.Object{num, msg}, nil)
	if err != nil {
		return err
	}
	if e, ok := exc.(*core.Exception); ok {
		return e
	}
	th.Decref(exc)
	return th.Raisef(th.RaiseType("SystemError"), "OSError() made a %s", exc.Type().Name())
}

// sockError turns a system call's error into a Python exception.
func sockError(th *core.Thread, err error) error {
	var e syscall.Errno
	if errors.As(err, &e) {
		return sockErrno(th, e)
	}
	return th.Raise(th.RaiseType("OSError"), err.Error())
}

func sockTimedOut(th *core.Thread) error {
	return th.Raise(th.RaiseType("TimeoutError"), "timed out")
}

// sockFD is the descriptor of an open socket, or OSError EBADF.
func sockFD(th *core.Thread, s *sockState) (int, error) {
	fd := s.fd.Load()
	if fd < 0 {
		return -1, sockErrno(th, syscall.EBADF)
	}
	return int(fd), nil
}

// sockDeadline is when a call that starts now must give up, by the
// socket's timeout: zero time for none.
func sockDeadline(s *sockState) (timeout time.Duration, deadline time.Time) {
	timeout = time.Duration(s.timeout.Load())
	if timeout > 0 {
		deadline = time.Now().Add(timeout)
	}
	return timeout, deadline
}

// sockCall runs op, a non-blocking system call on the socket, detached,
// as the socket's mode says: once (non-blocking: EAGAIN raises
// BlockingIOError), or again each time the descriptor is ready for
// events, waiting detached in between, until it succeeds, fails
// otherwise, or the deadline passes (TimeoutError).
func sockCall(th *core.Thread, s *sockState, events int16, timeout time.Duration, deadline time.Time, op func(fd int) error) error {
	for {
		fd, err := sockFD(th, s)
		if err != nil {
			return err
		}
		if derr := th.AllowThreads(func() { err = op(fd) }); derr != nil {
			return derr
		}
		switch {
		case err == nil:
			return nil
		case err == syscall.EINTR:
			continue
		case err != syscall.EAGAIN || timeout == 0:
			return sockError(th, err)
		}
		if err := sockWait(th, s, fd, events, timeout, deadline); err != nil {
			return err
		}
	}
}

// sockWait waits detached until fd is ready for events (or the socket
// is closed meanwhile), or raises TimeoutError at the deadline.
func sockWait(th *core.Thread, s *sockState, fd int, events int16, timeout time.Duration, deadline time.Time) error {
	wait := core.Forever
	if timeout > 0 {
		if wait = time.Until(deadline); wait <= 0 {
			return sockTimedOut(th)
		}
	}
	ready, err := th.BlockOn(wait, func(step time.Duration) bool {
		if s.fd.Load() != int64(fd) {
			return true
		}
		return pollOne(fd, events, step)
	})
	if err != nil {
		return err
	}
	if !ready {
		return sockTimedOut(th)
	}
	return nil
}

// init is socket.__init__(family=-1, type=-1, proto=-1, fileno=None).
func (m *socketMod) init(th *core.Thread, args []core.Object, kw map[string]core.Object) (core.Object, error) {
	if len(args) == 0 {
		return nil, th.Raise(th.RaiseType("TypeError"), "descriptor '__init__' of 'socket' object needs an argument")
	}
	self := args[0]
	p, err := sockParams(th, "socket", args[1:], kw, []string{"family", "type", "proto", "fileno"}, 0, -1)
	if err != nil {
		return nil, err
	}
	if err := sockRefuseScheduled(th, "socket.socket()"); err != nil {
		return nil, err
	}
	ints := [3]int{-1, -1, -1}
	for i := range ints {
		if p[i] != nil && p[i] != th.Runtime().None {
			v, err := th.IntArg("socket", p[i])
			if err != nil {
				return nil, err
			}
			ints[i] = int(v)
		}
	}
	family, typ, proto := ints[0], ints[1], ints[2]
	s := &sockState{}
	s.timeout.Store(m.defaultTimeout.Load())
	if p[3] != nil && p[3] != th.Runtime().None {
		fd, err := th.IntArg("socket", p[3])
		if err != nil {
			return nil, err
		}
		if fd < 0 {
			return nil, th.Raisef(th.RaiseType("ValueError"), "negative file descriptor")
		}
		f, t, pr, err := sysSocketKind(int(fd))
		if err != nil {
			return nil, sockError(th, err)
		}
		if f != syscall.AF_INET && f != syscall.AF_INET6 && f != syscall.AF_UNIX {
			return nil, th.Raisef(th.RaiseType("OSError"), "socket(fileno=%d): family %d is not AF_INET, AF_INET6 or AF_UNIX %s", fd, f, loopbackOnly)
		}
		if err := syscall.SetNonblock(int(fd), true); err != nil {
			return nil, sockError(th, err)
		}
		s.family, s.typ, s.proto = f, t, pr
		s.fd.Store(fd)
	} else {
		if family == -1 {
			family = syscall.AF_INET
		}
		if typ == -1 {
			typ = syscall.SOCK_STREAM
		}
		if proto == -1 {
			proto = 0
		}
		kind := typ &^ (syscall.SOCK_NONBLOCK | syscall.SOCK_CLOEXEC)
		switch {
		case family == syscall.AF_UNIX:
			return nil, th.Raise(th.RaiseType("OSError"), "socket(): rwgil makes AF_UNIX sockets only with socket.socketpair()")
		case family != syscall.AF_INET && family != syscall.AF_INET6:
			return nil, sockErrno(th, syscall.EAFNOSUPPORT)
		case kind != syscall.SOCK_STREAM && kind != syscall.SOCK_DGRAM:
			return nil, th.Raisef(th.RaiseType("OSError"), "socket(): rwgil makes only SOCK_STREAM and SOCK_DGRAM sockets, not type %d", typ)
		}
		fd, err := sysSocket(family, kind, proto)
		if err != nil {
			return nil, sockError(th, err)
		}
		s.family, s.typ, s.proto = family, kind, proto
		s.fd.Store(int64(fd))
		if typ&syscall.SOCK_NONBLOCK != 0 {
			s.timeout.Store(0)
		}
	}
	c := th.NewCapsule("socket.socket", s, func(v any) { _ = v.(*sockState).close() })
	err = th.SetAttr(self, "_sock", c)
	th.Decref(c)
	if err != nil {
		_ = s.close()
		return nil, err
	}
	for _, a := range []struct {
		name  string
		value int
	}{{"family", s.family}, {"type", s.typ}, {"proto", s.proto}} {
		v := th.NewInt(int64(a.value))
		err := th.SetAttr(self, a.name, v)
		th.Decref(v)
		if err != nil {
			return nil, err
		}
	}
	return th.Runtime().None, nil
}

// newSocket makes a socket.socket object for the descriptor fd, which
// it takes over (closing it if that fails).
func (m *socketMod) newSocket(th *core.Thread, fd int, timeout int64) (core.Object, error) {
	fdObj := th.NewInt(int64(fd))
	defer th.Decref(fdObj)
	o, err := th.Call(m.class, nil, map[string]core.Object{"fileno": fdObj})
	if err != nil {
		_ = syscall.Close(fd)
		return nil, err
	}
	if s := sockStateOf(th, o); s != nil {
		s.timeout.Store(timeout)
	}
	return o, nil
}

// sockHost resolves a host of an address: only loopback addresses and
// 'localhost' (to 127.0.0.1, or ::1 for AF_INET6).
func sockHost(th *core.Thread, fname string, family int, o core.Object) (net.IP, error) {
	var host string
	if b, ok := th.BytesLike(o); ok {
		host = string(b)
	} else if s, ok := o.(*core.Str); ok {
		host = s.String()
	} else {
		return nil, th.Raisef(th.RaiseType("TypeError"), "str, bytes or bytearray expected, not %s", o.Type().Name())
	}
	refuse := func(why string) error {
		r := fmt.Sprintf("%q", host)
		if !strings.Contains(host, "'") {
			r = "'" + host + "'"
		}
		return th.Raisef(th.RaiseType("OSError"), "%s: %s %s %s", fname, r, why, loopbackOnly)
	}
	if host == "localhost" {
		if family == syscall.AF_INET6 {
			return net.IPv6loopback, nil
		}
		return net.IPv4(127, 0, 0, 1).To4(), nil
	}
	ip := net.ParseIP(host)
	switch {
	case host == "" || host == "<broadcast>":
		return nil, refuse("names every interface, not loopback")
	case ip == nil:
		return nil, refuse("is not a loopback address (rwgil resolves no host names but 'localhost')")
	case !ip.IsLoopback():
		return nil, refuse("is not a loopback address")
	}
	if family == syscall.AF_INET {
		if ip4 := ip.To4(); ip4 != nil {
			return ip4, nil
		}
		return nil, th.Raisef(th.RaiseType("OSError"), "%s: '%s' is not an AF_INET address", fname, host)
	}
	if ip.To4() != nil {
		return nil, th.Raisef(th.RaiseType("OSError"), "%s: '%s' is not an AF_INET6 address", fname, host)
	}
	return ip, nil
}

// sockAddr converts an address argument to a sockaddr for the socket's
// family: (host, port) for AF_INET, (host, port[, flowinfo[, scope_id]])
// for AF_INET6.
func sockAddr(th *core.Thread, fname string, family int, o core.Object) (syscall.Sockaddr, error) {
	typeErr := th.RaiseType("TypeError")
	switch family {
	case syscall.AF_INET, syscall.AF_INET6:
	default:
		return nil, th.Raisef(th.RaiseType("OSError"), "%s(): rwgil's socket module binds and connects only AF_INET and AF_INET6 sockets", fname)
	}
	fam := "AF_INET"
	if family == syscall.AF_INET6 {
		fam = "AF_INET6"
	}
	t, ok := o.(*core.Tuple)
	if !ok {
		return nil, th.Raisef(typeErr, "%s(): %s address must be tuple, not %s", fname, fam, o.Type().Name())
	}
	if family == syscall.AF_INET && t.Len() != 2 {
		return nil, th.Raise(typeErr, "AF_INET address must be a pair (host, port)")
	}
	if family == syscall.AF_INET6 && (t.Len() < 2 || t.Len() > 4) {
		return nil, th.Raise(typeErr, "AF_INET6 address must be a tuple (host, port[, flowinfo[, scopeid]])")
	}
	port, err := th.IntArg(fname, t.Item(1))
	if err != nil {
		return nil, err
	}
	if port < 0 || port > 65535 {
		return nil, th.Raisef(th.RaiseType("OverflowError"), "%s(): port must be 0-65535.", fname)
	}
	ip, err := sockHost(th, fname+"()", family, t.Item(0))
	if err != nil {
		return nil, err
	}
	if family == syscall.AF_INET {
		sa := &syscall.SockaddrInet4{Port: int(port)}
		copy(sa.Addr[:], ip.To4())
		return sa, nil
	}
	sa := &syscall.SockaddrInet6{Port: int(port)}
	copy(sa.Addr[:], ip.To16())
	if t.Len() == 4 {
		scope, err := th.IntArg(fname, t.Item(3))
		if err != nil {
			return nil, err
		}
		sa.ZoneId = uint32(scope)
	}
	return sa, nil
}

// sockAddrObject is a sockaddr as Python sees it: ('127.0.0.1', port),
// ('::1', port, flowinfo, scope_id), or an AF_UNIX path (” unnamed).
func sockAddrObject(th *core.Thread, sa syscall.Sockaddr) core.Object {
	switch a := sa.(type) {
	case *syscall.SockaddrInet4:
		return th.NewTuple([]core.Object{th.NewStr(net.IP(a.Addr[:]).String()), th.NewInt(int64(a.Port))})
	case *syscall.SockaddrInet6:
		return th.NewTuple([]core.Object{th.NewStr(net.IP(a.Addr[:]).String()), th.NewInt(int64(a.Port)), th.NewInt(0), th.NewInt(int64(a.ZoneId))})
	case *syscall.SockaddrUnix:
		if a.Name == "@" {
			return th.NewStr("") // unnamed (Go reads an empty name as abstract)
		}
		return th.NewStr(a.Name)
	}
	return th.NewStr("")
}

func (m *socketMod) bind(th *core.Thread, s *sockState, self core.Object, args []core.Object, kw map[string]core.Object) (core.Object, error) {
	p, err := sockParams(th, "bind", args, kw, []string{"address"}, 1, 1)
	if err != nil {
		return nil, err
	}
	sa, err := sockAddr(th, "bind", s.family, p[0])
	if err != nil {
		return nil, err
	}
	fd, err := sockFD(th, s)
	if err != nil {
		return nil, err
	}
	if err := syscall.Bind(fd, sa); err != nil {
		return nil, sockError(th, err)
	}
	return th.Runtime().None, nil
}

func sockListen(th *core.Thread, s *sockState, self core.Object, args []core.Object, kw map[string]core.Object) (core.Object, error) {
	p, err := sockParams(th, "listen", args, kw, []string{"backlog"}, 0, 1)
	if err != nil {
		return nil, err
	}
	backlog := int64(min(syscall.SOMAXCONN, 128))
	if p[0] != nil {
		if backlog, err = th.IntArg("listen", p[0]); err != nil {
			return nil, err
		}
		backlog = max(backlog, 0)
	}
	fd, err := sockFD(th, s)
	if err != nil {
		return nil, err
	}
	if err := syscall.Listen(fd, int(min(backlog, math.MaxInt32))); err != nil {
		return nil, sockError(th, err)
	}
	return th.Runtime().None, nil
}

func (m *socketMod) accept(th *core.Thread, s *sockState, self core.Object, args []core.Object, kw map[string]core.Object) (core.Object, error) {
	if _, err := sockParams(th, "accept", args, kw, nil, 0, 0); err != nil {
		return nil, err
	}
	var nfd int
	var sa syscall.Sockaddr
	timeout, deadline := sockDeadline(s)
	err := sockCall(th, s, pollIn, timeout, deadline, func(fd int) error {
		var err error
		nfd, sa, err = sysAccept(fd)
		return err
	})
	if err != nil {
		return nil, err
	}
	// CPython: the new socket takes the default timeout.
	conn, err := m.newSocket(th, nfd, m.defaultTimeout.Load())
	if err != nil {
		return nil, err
	}
	return th.NewTuple([]core.Object{conn, sockAddrObject(th, sa)}), nil
}

// connect connects the socket; it returns the errno of a failure when
// raise is false (connect_ex), raising only for bad arguments.
func (m *socketMod) connectTo(th *core.Thread, s *sockState, fname string, addr core.Object, raise bool) (syscall.Errno, error) {
	sa, err := sockAddr(th, fname, s.family, addr)
	if err != nil {
		return 0, err
	}
	fd, err := sockFD(th, s)
	if err != nil {
		if raise {
			return 0, err
		}
		th.Discard(err)
		return syscall.EBADF, nil
	}
	fail := func(e syscall.Errno) (syscall.Errno, error) {
		if raise {
			return 0, sockErrno(th, e)
		}
		return e, nil
	}
	err = syscall.Connect(fd, sa)
	if err == nil {
		return 0, nil
	}
	e, _ := err.(syscall.Errno)
	if e != syscall.EINPROGRESS && e != syscall.EINTR && e != syscall.EAGAIN {
		return fail(e)
	}
	timeout, deadline := sockDeadline(s)
	if timeout == 0 {
		return fail(e)
	}
	if err := sockWait(th, s, fd, pollOut, timeout, deadline); err != nil {
		if raise {
			return 0, err
		}
		if exc, ok := err.(*core.Exception); ok && exc.TypeName() == "TimeoutError" {
			th.Discard(err)
			return syscall.EAGAIN, nil
		}
		return 0, err
	}
	soerr, err := syscall.GetsockoptInt(fd, syscall.SOL_SOCKET, syscall.SO_ERROR)
	if err != nil {
		return fail(err.(syscall.Errno))
	}
	if soerr != 0 {
		return fail(syscall.Errno(soerr))
	}
	return 0, nil
}

func (m *socketMod) connect(th *core.Thread, s *sockState, self core.Object, args []core.Object, kw map[string]core.Object) (core.Object, error) {
	p, err := sockParams(th, "connect", args, kw, []string{"address"}, 1, 1)
	if err != nil {
		return nil, err
	}
	if _, err := m.connectTo(th, s, "connect", p[0], true); err != nil {
		return nil, err
	}
	return th.Runtime().None, nil
}

func (m *socketMod) connectEx(th *core.Thread, s *sockState, self core.Object, args []core.Object, kw map[string]core.Object) (core.Object, error) {
	p, err := sockParams(th, "connect_ex", args, kw, []string{"address"}, 1, 1)
	if err != nil {
		return nil, err
	}
	e, err := m.connectTo(th, s, "connect_ex", p[0], false)
	if err != nil {
		return nil, err
	}
	return th.NewInt(int64(e)), nil
}

// sockData is a bytes-like argument.
func sockData(th *core.Thread, o core.Object) ([]byte, error) {
	b, ok := th.BytesLike(o)
	if !ok {
		return nil, th.Raisef(th.RaiseType("TypeError"), "a bytes-like object is required, not '%s'", o.Type().Name())
	}
	return b, nil
}

// sockFlags is an optional flags argument.
func sockFlags(th *core.Thread, fname string, o core.Object) (int, error) {
	if o == nil {
		return 0, nil
	}
	v, err := th.IntArg(fname, o)
	return int(v), err
}

func sockSendMethod(th *core.Thread, s *sockState, self core.Object, args []core.Object, kw map[string]core.Object) (core.Object, error) {
	p, err := sockParams(th, "send", args, kw, []string{"data", "flags"}, 1, 2)
	if err != nil {
		return nil, err
	}
	data, err := sockData(th, p[0])
	if err != nil {
		return nil, err
	}
	flags, err := sockFlags(th, "send", p[1])
	if err != nil {
		return nil, err
	}
	var n int
	timeout, deadline := sockDeadline(s)
	if err := sockCall(th, s, pollOut, timeout, deadline, func(fd int) error {
		var err error
		n, err = sysSend(fd, data, flags)
		return err
	}); err != nil {
		return nil, err
	}
	return th.NewInt(int64(n)), nil
}

func sockSendall(th *core.Thread, s *sockState, self core.Object, args []core.Object, kw map[string]core.Object) (core.Object, error) {
	p, err := sockParams(th, "sendall", args, kw, []string{"data", "flags"}, 1, 2)
	if err != nil {
		return nil, err
	}
	data, err := sockData(th, p[0])
	if err != nil {
		return nil, err
	}
	flags, err := sockFlags(th, "sendall", p[1])
	if err != nil {
		return nil, err
	}
	// The timeout bounds the whole call, as in CPython 3.5 and later.
	timeout, deadline := sockDeadline(s)
	for len(data) > 0 {
		var n int
		if err := sockCall(th, s, pollOut, timeout, deadline, func(fd int) error {
			var err error
			n, err = sysSend(fd, data, flags)
			return err
		}); err != nil {
			return nil, err
		}
		data = data[n:]
		if len(data) > 0 {
			if err := th.SafePoint(); err != nil {
				return nil, err
			}
		}
	}
	return th.Runtime().None, nil
}

func (m *socketMod) sendto(th *core.Thread, s *sockState, self core.Object, args []core.Object, kw map[string]core.Object) (core.Object, error) {
	var dataArg, flagsArg, addrArg core.Object
	switch len(args) {
	case 2:
		dataArg, addrArg = args[0], args[1]
	case 3:
		dataArg, flagsArg, addrArg = args[0], args[1], args[2]
	default:
		return nil, th.Raisef(th.RaiseType("TypeError"), "sendto() takes 2 or 3 arguments (%d given)", len(args))
	}
	if len(kw) > 0 {
		return nil, th.Raise(th.RaiseType("TypeError"), "sendto() takes no keyword arguments")
	}
	data, err := sockData(th, dataArg)
	if err != nil {
		return nil, err
	}
	flags, err := sockFlags(th, "sendto", flagsArg)
	if err != nil {
		return nil, err
	}
	sa, err := sockAddr(th, "sendto", s.family, addrArg)
	if err != nil {
		return nil, err
	}
	var n int
	timeout, deadline := sockDeadline(s)
	if err := sockCall(th, s, pollOut, timeout, deadline, func(fd int) error {
		var err error
		n, err = sysSendto(fd, data, flags, sa)
		return err
	}); err != nil {
		return nil, err
	}
	return th.NewInt(int64(n)), nil
}

// sockRead receives up to n bytes into a new buffer.
func sockRead(th *core.Thread, s *sockState, n, flags int) ([]byte, syscall.Sockaddr, error) {
	buf := make([]byte, n)
	var got int
	var from syscall.Sockaddr
	timeout, deadline := sockDeadline(s)
	err := sockCall(th, s, pollIn, timeout, deadline, func(fd int) error {
		var err error
		got, from, err = syscall.Recvfrom(fd, buf, flags)
		return err
	})
	if err != nil {
		return nil, nil, err
	}
	return buf[:got], from, nil
}

// sockSize is a buffer size argument: non-negative.
func sockSize(th *core.Thread, fname string, o core.Object) (int, error) {
	n, err := th.IntArg(fname, o)
	if err != nil {
		return 0, err
	}
	if n < 0 {
		return 0, th.Raisef(th.RaiseType("ValueError"), "negative buffersize in %s", fname)
	}
	if n > math.MaxInt32 {
		return 0, th.Raisef(th.RaiseType("OverflowError"), "%s(): buffer size %d is too large", fname, n)
	}
	return int(n), nil
}

func sockRecv(th *core.Thread, s *sockState, self core.Object, args []core.Object, kw map[string]core.Object) (core.Object, error) {
	p, err := sockParams(th, "recv", args, kw, []string{"bufsize", "flags"}, 1, 2)
	if err != nil {
		return nil, err
	}
	n, err := sockSize(th, "recv", p[0])
	if err != nil {
		return nil, err
	}
	flags, err := sockFlags(th, "recv", p[1])
	if err != nil {
		return nil, err
	}
	b, _, err := sockRead(th, s, n, flags)
	if err != nil {
		return nil, err
	}
	return th.NewBytes(b), nil
}

func sockRecvInto(th *core.Thread, s *sockState, self core.Object, args []core.Object, kw map[string]core.Object) (core.Object, error) {
	p, err := sockParams(th, "recv_into", args, kw, []string{"buffer", "nbytes", "flags"}, 1, 3)
	if err != nil {
		return nil, err
	}
	size, ok := th.BytearrayLen(p[0])
	if !ok {
		return nil, th.Raisef(th.RaiseType("TypeError"), "recv_into() argument 1 must be read-write bytes-like object, not %s", p[0].Type().Name())
	}
	n := size
	if p[1] != nil {
		if n, err = sockSize(th, "recv_into", p[1]); err != nil {
			return nil, err
		}
		if n == 0 {
			n = size
		} else if n > size {
			return nil, th.Raise(th.RaiseType("ValueError"), "buffer too small for requested bytes")
		}
	}
	flags, err := sockFlags(th, "recv_into", p[2])
	if err != nil {
		return nil, err
	}
	b, _, err := sockRead(th, s, n, flags)
	if err != nil {
		return nil, err
	}
	got, _ := th.CopyToBytearray(p[0], 0, b)
	return th.NewInt(int64(got)), nil
}

func (m *socketMod) recvfrom(th *core.Thread, s *sockState, self core.Object, args []core.Object, kw map[string]core.Object) (core.Object, error) {
	p, err := sockParams(th, "recvfrom", args, kw, []string{"bufsize", "flags"}, 1, 2)
	if err != nil {
		return nil, err
	}
	n, err := sockSize(th, "recvfrom", p[0])
	if err != nil {
		return nil, err
	}
	flags, err := sockFlags(th, "recvfrom", p[1])
	if err != nil {
		return nil, err
	}
	b, from, err := sockRead(th, s, n, flags)
	if err != nil {
		return nil, err
	}
	addr := th.Runtime().None
	if from != nil {
		addr = sockAddrObject(th, from)
	}
	return th.NewTuple([]core.Object{th.NewBytes(b), addr}), nil
}

func sockShutdown(th *core.Thread, s *sockState, self core.Object, args []core.Object, kw map[string]core.Object) (core.Object, error) {
	p, err := sockParams(th, "shutdown", args, kw, []string{"how"}, 1, 1)
	if err != nil {
		return nil, err
	}
	how, err := th.IntArg("shutdown", p[0])
	if err != nil {
		return nil, err
	}
	fd, err := sockFD(th, s)
	if err != nil {
		return nil, err
	}
	if err := syscall.Shutdown(fd, int(how)); err != nil {
		return nil, sockError(th, err)
	}
	return th.Runtime().None, nil
}

func sockSetsockopt(th *core.Thread, s *sockState, self core.Object, args []core.Object, kw map[string]core.Object) (core.Object, error) {
	if len(args) != 3 || len(kw) > 0 {
		return nil, th.Raisef(th.RaiseType("TypeError"), "setsockopt() takes exactly 3 arguments (%d given)", len(args)+len(kw))
	}
	level, err := th.IntArg("setsockopt", args[0])
	if err != nil {
		return nil, err
	}
	opt, err := th.IntArg("setsockopt", args[1])
	if err != nil {
		return nil, err
	}
	fd, err := sockFD(th, s)
	if err != nil {
		return nil, err
	}
	if b, ok := th.BytesLike(args[2]); ok {
		err = syscall.SetsockoptString(fd, int(level), int(opt), string(b))
	} else {
		v, ierr := th.IntArg("setsockopt", args[2])
		if ierr != nil {
			return nil, ierr
		}
		err = syscall.SetsockoptInt(fd, int(level), int(opt), int(v))
	}
	if err != nil {
		return nil, sockError(th, err)
	}
	return th.Runtime().None, nil
}

func sockGetsockopt(th *core.Thread, s *sockState, self core.Object, args []core.Object, kw map[string]core.Object) (core.Object, error) {
	p, err := sockParams(th, "getsockopt", args, kw, []string{"level", "optname", "buflen"}, 2, 3)
	if err != nil {
		return nil, err
	}
	level, err := th.IntArg("getsockopt", p[0])
	if err != nil {
		return nil, err
	}
	opt, err := th.IntArg("getsockopt", p[1])
	if err != nil {
		return nil, err
	}
	fd, err := sockFD(th, s)
	if err != nil {
		return nil, err
	}
	if p[2] != nil {
		n, err := th.IntArg("getsockopt", p[2])
		if err != nil {
			return nil, err
		}
		if n <= 0 || n > 1024 {
			return nil, th.Raise(th.RaiseType("OSError"), "getsockopt buflen out of range")
		}
		b, err := sysGetsockoptBytes(fd, int(level), int(opt), int(n))
		if err != nil {
			return nil, sockError(th, err)
		}
		return th.NewBytes(b), nil
	}
	v, err := syscall.GetsockoptInt(fd, int(level), int(opt))
	if err != nil {
		return nil, sockError(th, err)
	}
	return th.NewInt(int64(v)), nil
}

// sockTimeoutArg is a timeout argument: None (-1), or seconds >= 0.
func sockTimeoutArg(th *core.Thread, o core.Object) (int64, error) {
	var f float64
	switch x := o.(type) {
	case *core.Float:
		f = x.Float64()
	case *core.Int, *core.Bool:
		v, err := th.IntArg("settimeout", x)
		if err != nil {
			return 0, err
		}
		f = float64(v)
	default:
		if o == th.Runtime().None {
			return -1, nil
		}
		return 0, th.Raisef(th.RaiseType("TypeError"), "'%s' object cannot be interpreted as an integer", o.Type().Name())
	}
	if f < 0 || math.IsNaN(f) {
		return 0, th.Raise(th.RaiseType("ValueError"), "Timeout value out of range")
	}
	if f > math.MaxInt64/1e9 {
		return 0, th.Raise(th.RaiseType("OverflowError"), "timeout doesn't fit into C timeval")
	}
	return int64(f * 1e9), nil
}

// sockTimeoutObject is a timeout as gettimeout returns it.
func sockTimeoutObject(th *core.Thread, ns int64) core.Object {
	if ns < 0 {
		return th.Runtime().None
	}
	return th.NewFloat(float64(ns) / 1e9)
}

func sockSettimeout(th *core.Thread, s *sockState, self core.Object, args []core.Object, kw map[string]core.Object) (core.Object, error) {
	p, err := sockParams(th, "settimeout", args, kw, []string{"value"}, 1, 1)
	if err != nil {
		return nil, err
	}
	if _, err := sockFD(th, s); err != nil { // CPython's fcntl sees a closed descriptor
		return nil, err
	}
	ns, err := sockTimeoutArg(th, p[0])
	if err != nil {
		return nil, err
	}
	s.timeout.Store(ns)
	return th.Runtime().None, nil
}

func sockGettimeout(th *core.Thread, s *sockState, self core.Object, args []core.Object, kw map[string]core.Object) (core.Object, error) {
	if _, err := sockParams(th, "gettimeout", args, kw, nil, 0, 0); err != nil {
		return nil, err
	}
	return sockTimeoutObject(th, s.timeout.Load()), nil
}

func sockSetblocking(th *core.Thread, s *sockState, self core.Object, args []core.Object, kw map[string]core.Object) (core.Object, error) {
	p, err := sockParams(th, "setblocking", args, kw, []string{"flag"}, 1, 1)
	if err != nil {
		return nil, err
	}
	on, err := th.Truth(p[0])
	if err != nil {
		return nil, err
	}
	if _, err := sockFD(th, s); err != nil { // CPython's fcntl sees a closed descriptor
		return nil, err
	}
	if on {
		s.timeout.Store(-1)
	} else {
		s.timeout.Store(0)
	}
	return th.Runtime().None, nil
}

func sockGetblocking(th *core.Thread, s *sockState, self core.Object, args []core.Object, kw map[string]core.Object) (core.Object, error) {
	if _, err := sockParams(th, "getblocking", args, kw, nil, 0, 0); err != nil {
		return nil, err
	}
	return th.Runtime().Bool(s.timeout.Load() != 0), nil
}

func sockGetsockname(th *core.Thread, s *sockState, self core.Object, args []core.Object, kw map[string]core.Object) (core.Object, error) {
	if _, err := sockParams(th, "getsockname", args, kw, nil, 0, 0); err != nil {
		return nil, err
	}
	fd, err := sockFD(th, s)
	if err != nil {
		return nil, err
	}
	sa, err := syscall.Getsockname(fd)
	if err != nil {
		return nil, sockError(th, err)
	}
	return sockAddrObject(th, sa), nil
}

func sockGetpeername(th *core.Thread, s *sockState, self core.Object, args []core.Object, kw map[string]core.Object) (core.Object, error) {
	if _, err := sockParams(th, "getpeername", args, kw, nil, 0, 0); err != nil {
		return nil, err
	}
	fd, err := sockFD(th, s)
	if err != nil {
		return nil, err
	}
	sa, err := syscall.Getpeername(fd)
	if err != nil {
		return nil, sockError(th, err)
	}
	return sockAddrObject(th, sa), nil
}

func sockFileno(th *core.Thread, s *sockState, self core.Object, args []core.Object, kw map[string]core.Object) (core.Object, error) {
	if _, err := sockParams(th, "fileno", args, kw, nil, 0, 0); err != nil {
		return nil, err
	}
	return th.NewInt(s.fd.Load()), nil
}

func sockDetach(th *core.Thread, s *sockState, self core.Object, args []core.Object, kw map[string]core.Object) (core.Object, error) {
	if _, err := sockParams(th, "detach", args, kw, nil, 0, 0); err != nil {
		return nil, err
	}
	return th.NewInt(s.fd.Swap(-1)), nil
}

func sockClose(th *core.Thread, s *sockState, self core.Object, args []core.Object, kw map[string]core.Object) (core.Object, error) {
	if _, err := sockParams(th, "close", args, kw, nil, 0, 0); err != nil {
		return nil, err
	}
	// CPython ignores ECONNRESET from close(2), and so does this.
	if err := s.close(); err != nil && err != syscall.ECONNRESET {
		return nil, sockError(th, err)
	}
	return th.Runtime().None, nil
}

func sockEnter(th *core.Thread, s *sockState, self core.Object, args []core.Object, kw map[string]core.Object) (core.Object, error) {
	if _, err := sockParams(th, "__enter__", args, kw, nil, 0, 0); err != nil {
		return nil, err
	}
	th.Incref(self)
	return self, nil
}

func sockExit(th *core.Thread, s *sockState, self core.Object, args []core.Object, kw map[string]core.Object) (core.Object, error) {
	_ = s.close()
	return th.Runtime().None, nil
}

// sockRepr is CPython's repr: <socket.socket fd=3, family=2, type=1,
// proto=0, laddr=('127.0.0.1', 5000), raddr=(...)>.
func sockRepr(th *core.Thread, s *sockState, self core.Object, args []core.Object, kw map[string]core.Object) (core.Object, error) {
	t := self.Type()
	var b strings.Builder
	fmt.Fprintf(&b, "<%s.%s", t.Module(), t.QualName())
	fd := s.fd.Load()
	if fd < 0 {
		b.WriteString(" [closed]")
	}
	fmt.Fprintf(&b, " fd=%d, family=%d, type=%d, proto=%d", fd, s.family, s.typ, s.proto)
	if fd >= 0 {
		for _, side := range []struct {
			label string
			get   func(int) (syscall.Sockaddr, error)
		}{{"laddr", syscall.Getsockname}, {"raddr", syscall.Getpeername}} {
			sa, err := side.get(int(fd))
			if err != nil {
				continue
			}
			a := sockAddrObject(th, sa)
			if str, ok := a.(*core.Str); ok && str.String() == "" {
				th.Decref(a)
				continue
			}
			r, err := th.Repr(a)
			th.Decref(a)
			if err != nil {
				return nil, err
			}
			fmt.Fprintf(&b, ", %s=%s", side.label, r)
		}
	}
	b.WriteString(">")
	return th.NewStr(b.String()), nil
}

func (m *socketMod) socketpair(th *core.Thread, args []core.Object, kw map[string]core.Object) (core.Object, error) {
	p, err := sockParams(th, "socketpair", args, kw, []string{"family", "type", "proto"}, 0, -1)
	if err != nil {
		return nil, err
	}
	if err := sockRefuseScheduled(th, "socket.socketpair()"); err != nil {
		return nil, err
	}
	ints := [3]int{syscall.AF_UNIX, syscall.SOCK_STREAM, 0}
	for i := range ints {
		if p[i] != nil && p[i] != th.Runtime().None {
			v, err := th.IntArg("socketpair", p[i])
			if err != nil {
				return nil, err
			}
			ints[i] = int(v)
		}
	}
	if ints[0] != syscall.AF_UNIX {
		return nil, sockErrno(th, syscall.EOPNOTSUPP)
	}
	fds, err := sysSocketpair(ints[0], ints[1], ints[2])
	if err != nil {
		return nil, sockError(th, err)
	}
	a, err := m.newSocket(th, fds[0], m.defaultTimeout.Load())
	if err != nil {
		_ = syscall.Close(fds[1])
		return nil, err
	}
	b, err := m.newSocket(th, fds[1], m.defaultTimeout.Load())
	if err != nil {
		th.Decref(a)
		return nil, err
	}
	return th.NewTuple([]core.Object{a, b}), nil
}

// sockHostPort splits an address argument (host, port) of a module
// function.
func sockHostPort(th *core.Thread, fname string, o core.Object) (core.Object, error) {
	t, ok := o.(*core.Tuple)
	if !ok || t.Len() < 2 {
		return nil, th.Raisef(th.RaiseType("TypeError"), "%s(): the address must be a tuple (host, port), not %s", fname, o.Type().Name())
	}
	return t, nil
}

// familyOf is the family of an address's host: AF_INET6 for an IPv6
// literal, AF_INET otherwise.
func familyOf(host core.Object) int {
	if s, ok := host.(*core.Str); ok {
		if ip := net.ParseIP(s.String()); ip != nil && ip.To4() == nil {
			return syscall.AF_INET6
		}
	}
	return syscall.AF_INET
}

// newFamilySocket makes socket.socket(family, SOCK_STREAM).
func (m *socketMod) newFamilySocket(th *core.Thread, family int) (core.Object, *sockState, error) {
	f, t := th.NewInt(int64(family)), th.NewInt(syscall.SOCK_STREAM)
	defer th.Decref(f)
	defer th.Decref(t)
	o, err := th.Call(m.class, []core.Object{f, t}, nil)
	if err != nil {
		return nil, nil, err
	}
	return o, sockStateOf(th, o), nil
}

// createConnection is create_connection(address, timeout=<default>,
// source_address=None, *, all_errors=False).
func (m *socketMod) createConnection(th *core.Thread, args []core.Object, kw map[string]core.Object) (core.Object, error) {
	p, err := sockParams(th, "create_connection", args, kw, []string{"address", "timeout", "source_address", "all_errors"}, 1, 3)
	if err != nil {
		return nil, err
	}
	addr, err := sockHostPort(th, "create_connection", p[0])
	if err != nil {
		return nil, err
	}
	timeout := m.defaultTimeout.Load()
	if p[1] != nil {
		if timeout, err = sockTimeoutArg(th, p[1]); err != nil {
			return nil, err
		}
	}
	o, s, err := m.newFamilySocket(th, familyOf(addr.(*core.Tuple).Item(0)))
	if err != nil {
		return nil, err
	}
	s.timeout.Store(timeout)
	if p[2] != nil && p[2] != th.Runtime().None {
		sa, err := sockAddr(th, "bind", s.family, p[2])
		if err == nil {
			if berr := syscall.Bind(int(s.fd.Load()), sa); berr != nil {
				err = sockError(th, berr)
			}
		}
		if err != nil {
			_ = s.close()
			th.Decref(o)
			return nil, err
		}
	}
	if _, err := m.connectTo(th, s, "connect", addr, true); err != nil {
		_ = s.close()
		th.Decref(o)
		return nil, err
	}
	return o, nil
}

// createServer is create_server(address, *, family=AF_INET,
// backlog=None, reuse_port=False, dualstack_ipv6=False).
func (m *socketMod) createServer(th *core.Thread, args []core.Object, kw map[string]core.Object) (core.Object, error) {
	p, err := sockParams(th, "create_server", args, kw, []string{"address", "family", "backlog", "reuse_port", "dualstack_ipv6"}, 1, 1)
	if err != nil {
		return nil, err
	}
	family := int64(syscall.AF_INET)
	if p[1] != nil {
		if family, err = th.IntArg("create_server", p[1]); err != nil {
			return nil, err
		}
	}
	o, s, err := m.newFamilySocket(th, int(family))
	if err != nil {
		return nil, err
	}
	fail := func(err error) (core.Object, error) {
		_ = s.close()
		th.Decref(o)
		return nil, err
	}
	fd := int(s.fd.Load())
	if err := syscall.SetsockoptInt(fd, syscall.SOL_SOCKET, syscall.SO_REUSEADDR, 1); err != nil {
		return fail(sockError(th, err))
	}
	if p[3] != nil {
		reuse, err := th.Truth(p[3])
		if err != nil {
			return fail(err)
		}
		if reuse {
			if err := syscall.SetsockoptInt(fd, syscall.SOL_SOCKET, 0xf, 1); err != nil {
				return fail(sockError(th, err))
			}
		}
	}
	sa, err := sockAddr(th, "bind", s.family, p[0])
	if err != nil {
		return fail(err)
	}
	if err := syscall.Bind(fd, sa); err != nil {
		return fail(sockError(th, err))
	}
	backlog := int64(min(syscall.SOMAXCONN, 128))
	if p[2] != nil && p[2] != th.Runtime().None {
		if backlog, err = th.IntArg("create_server", p[2]); err != nil {
			return fail(err)
		}
	}
	if err := syscall.Listen(fd, int(max(0, min(backlog, math.MaxInt32)))); err != nil {
		return fail(sockError(th, err))
	}
	return o, nil
}

func sockGethostname(th *core.Thread, args []core.Object, kw map[string]core.Object) (core.Object, error) {
	if _, err := sockParams(th, "gethostname", args, kw, nil, 0, 0); err != nil {
		return nil, err
	}
	name, err := os.Hostname()
	if err != nil {
		return nil, sockError(th, err)
	}
	return th.NewStr(name), nil
}

func sockGethostbyname(th *core.Thread, args []core.Object, kw map[string]core.Object) (core.Object, error) {
	p, err := sockParams(th, "gethostbyname", args, kw, []string{"hostname"}, 1, 1)
	if err != nil {
		return nil, err
	}
	ip, err := sockHost(th, "gethostbyname()", syscall.AF_INET, p[0])
	if err != nil {
		return nil, err
	}
	return th.NewStr(ip.String()), nil
}

func (m *socketMod) getdefaulttimeout(th *core.Thread, args []core.Object, kw map[string]core.Object) (core.Object, error) {
	if _, err := sockParams(th, "getdefaulttimeout", args, kw, nil, 0, 0); err != nil {
		return nil, err
	}
	return sockTimeoutObject(th, m.defaultTimeout.Load()), nil
}

func (m *socketMod) setdefaulttimeout(th *core.Thread, args []core.Object, kw map[string]core.Object) (core.Object, error) {
	p, err := sockParams(th, "setdefaulttimeout", args, kw, []string{"timeout"}, 1, 1)
	if err != nil {
		return nil, err
	}
	ns, err := sockTimeoutArg(th, p[0])
	if err != nil {
		return nil, err
	}
	m.defaultTimeout.Store(ns)
	return th.Runtime().None, nil
}

// sockSwap is htons and friends: Linux's hosts are little-endian on
// every architecture Go supports but a few; the network order is
// big-endian.
func sockSwap(fname string, bits int) core.BuiltinFunc {
	return func(th *core.Thread, args []core.Object, kw map[string]core.Object) (core.Object, error) {
		p, err := sockParams(th, fname, args, kw, []string{"x"}, 1, 1)
		if err != nil {
			return nil, err
		}
		v, err := th.IntArg(fname, p[0])
		if err != nil {
			return nil, err
		}
		if v < 0 {
			return nil, th.Raisef(th.RaiseType("OverflowError"), "%s: can't convert negative Python int to C %d-bit unsigned integer", fname, bits)
		}
		if v >= 1<<bits {
			return nil, th.Raisef(th.RaiseType("OverflowError"), "%s: Python int too large to convert to C %d-bit unsigned integer", fname, bits)
		}
		var out uint64
		for i := 0; i < bits/8; i++ {
			out = out<<8 | uint64(v>>(8*i))&0xff
		}
		if !littleEndian() {
			out = uint64(v)
		}
		return th.NewInt(int64(out)), nil
	}
}

func littleEndian() bool { return binary.NativeEndian.Uint16([]byte{1, 0}) == 1 }
