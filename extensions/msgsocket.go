package extensions

import (
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"net"
	"os"
	"strings"
	"sync/atomic"
	"time"
	"unicode/utf8"

	"github.com/rwgil/rwgil/core"
)

const msgsocketDoc = `msgsocket: loopback TCP with message helpers.

A small socket module for experiments that block on I/O (the convoy
effect): it only listens on and connects to 127.0.0.1. The module is
ported -- its calls never promote -- and every call that can block
releases the lock (AllowThreads), as CPython's socket module releases
the GIL. Byte strings are str values whose characters are all below 256
(latin-1); the message helpers carry any text, UTF-8 encoded behind a
4-byte big-endian length. (CPython's socket API -- socket.socket,
bind, accept, recv -- is the standard library's socket module.)

listen(port=0)          a listening socket on 127.0.0.1 (0: any free port)
port(sock)              the local port of a socket
accept(listener)        the next connection
connect(port)           a connection to 127.0.0.1:port
send(conn, data)        send all of data (a byte string); returns its length
recv(conn, n)           up to n bytes as a byte string; "" at end of stream
send_msg(conn, text)    send one length-prefixed message
recv_msg(conn)          the next message, or None at end of stream
settimeout(sock, secs)  a timeout for each blocking call (None: none)
close(sock)             close the socket (idempotent)`

// maxMessage bounds a message's length prefix, so that a corrupt or
// hostile prefix is an error, not a huge allocation.
const maxMessage = 16 << 20

// socket is the Go value a socket capsule holds.
type socket struct {
	ln   net.Listener // a listening socket, or
	conn net.Conn     // a connection
	// timeout for each blocking call, in nanoseconds; 0: none.
	timeout atomic.Int64
	closed  atomic.Bool
}

func (s *socket) close() error {
	if s.closed.Swap(true) {
		return nil
	}
	if s.ln != nil {
		return s.ln.Close()
	}
	return s.conn.Close()
}

// deadline applies the socket's timeout to the next blocking call.
func (s *socket) deadline() {
	var t time.Time
	if d := s.timeout.Load(); d > 0 {
		t = time.Now().Add(time.Duration(d))
	}
	if s.conn != nil {
		_ = s.conn.SetDeadline(t)
	} else if tl, ok := s.ln.(*net.TCPListener); ok {
		_ = tl.SetDeadline(t)
	}
}

// msgsocketModule is the ninth module: I/O that blocks, done the ported
// way. It was called socket until the standard library's socket module
// (package stdlib, CPython's API) took that name.
func msgsocketModule() Module {
	funcs := map[string]Func{
		"listen":     socketListen,
		"port":       socketPort,
		"accept":     socketAccept,
		"connect":    socketConnect,
		"send":       socketSend,
		"recv":       socketRecv,
		"send_msg":   socketSendMsg,
		"recv_msg":   socketRecvMsg,
		"settimeout": socketSetTimeout,
		"close":      socketClose,
	}
	for name, f := range funcs {
		funcs[name] = refuseUnderSchedule(name, f)
	}
	return Module{Name: "msgsocket", Ported: true, Doc: msgsocketDoc, Funcs: funcs, Interpreters: core.InterpPerLock}
}

// refuseUnderSchedule wraps f to raise OSError when the runtime runs under
// a deterministic schedule: a real socket blocks where the scheduler
// cannot see, so the run would be neither deterministic nor sure to end.
func refuseUnderSchedule(name string, f Func) Func {
	return func(th *core.Thread, args []core.Object, kw map[string]core.Object) (core.Object, error) {
		if th.Runtime().Deterministic() {
			return nil, th.Raisef(th.RaiseType("OSError"), "msgsocket.%s: real network I/O is refused under a deterministic schedule (the scheduler can neither see nor order it)", name)
		}
		return f(th, args, kw)
	}
}

func newSocket(th *core.Thread, s *socket) core.Object {
	return th.NewCapsule("socket", s, func(v any) { _ = v.(*socket).close() })
}

// sockArg is a socket argument; want is "listener", "connection" or "".
func sockArg(th *core.Thread, fname string, o core.Object, want string) (*socket, error) {
	s, err := capsuleValue[*socket](th, fname, o, "socket")
	if err != nil {
		return nil, err
	}
	switch {
	case s.closed.Load():
		return nil, th.Raisef(th.RaiseType("OSError"), "%s(): the socket is closed", fname)
	case want == "listener" && s.ln == nil:
		return nil, th.Raisef(th.RaiseType("OSError"), "%s(): the socket is a connection, not a listener", fname)
	case want == "connection" && s.conn == nil:
		return nil, th.Raisef(th.RaiseType("OSError"), "%s(): the socket is a listener, not a connection", fname)
	}
	return s, nil
}

// raiseNet turns a network error into OSError, TimeoutError or
// ConnectionError.
func raiseNet(th *core.Thread, fname string, err error) error {
	var ne net.Error
	switch {
	case errors.As(err, &ne) && ne.Timeout(), errors.Is(err, os.ErrDeadlineExceeded):
		return th.Raisef(th.RaiseType("TimeoutError"), "%s(): timed out", fname)
	case errors.Is(err, net.ErrClosed):
		return th.Raisef(th.RaiseType("OSError"), "%s(): the socket is closed", fname)
	case errors.Is(err, io.ErrUnexpectedEOF):
		return th.Raisef(th.RaiseType("ConnectionError"), "%s(): the peer closed the connection in the middle of a message", fname)
	}
	var oe *net.OpError
	if errors.As(err, &oe) && oe.Op == "dial" {
		return th.Raisef(th.RaiseType("ConnectionError"), "%s(): %v", fname, oe.Err)
	}
	return th.Raisef(th.RaiseType("OSError"), "%s(): %v", fname, err)
}

func portArg(th *core.Thread, fname string, o core.Object) (int, error) {
	p, err := th.IntArg(fname, o)
	if err == nil && (p < 0 || p > 65535) {
		err = th.Raisef(th.RaiseType("ValueError"), "%s(): port must be 0-65535, not %d", fname, p)
	}
	return int(p), err
}

func socketListen(th *core.Thread, args []core.Object, kw map[string]core.Object) (core.Object, error) {
	if err := th.CheckArgs("listen", args, kw, 0, 1); err != nil {
		return nil, err
	}
	port := 0
	if len(args) == 1 {
		var err error
		if port, err = portArg(th, "listen", args[0]); err != nil {
			return nil, err
		}
	}
	ln, err := net.Listen("tcp", fmt.Sprintf("127.0.0.1:%d", port))
	if err != nil {
		return nil, raiseNet(th, "listen", err)
	}
	return newSocket(th, &socket{ln: ln}), nil
}

func socketPort(th *core.Thread, args []core.Object, kw map[string]core.Object) (core.Object, error) {
	if err := th.CheckArgs("port", args, kw, 1, 1); err != nil {
		return nil, err
	}
	s, err := sockArg(th, "port", args[0], "")
	if err != nil {
		return nil, err
	}
	var addr net.Addr
	if s.ln != nil {
		addr = s.ln.Addr()
	} else {
		addr = s.conn.LocalAddr()
	}
	return th.NewInt(int64(addr.(*net.TCPAddr).Port)), nil
}

func socketAccept(th *core.Thread, args []core.Object, kw map[string]core.Object) (core.Object, error) {
	if err := th.CheckArgs("accept", args, kw, 1, 1); err != nil {
		return nil, err
	}
	s, err := sockArg(th, "accept", args[0], "listener")
	if err != nil {
		return nil, err
	}
	var conn net.Conn
	var nerr error
	if err := th.AllowThreads(func() {
		s.deadline()
		conn, nerr = s.ln.Accept()
	}); err != nil {
		return nil, err
	}
	if nerr != nil {
		return nil, raiseNet(th, "accept", nerr)
	}
	return newSocket(th, &socket{conn: conn}), nil
}

func socketConnect(th *core.Thread, args []core.Object, kw map[string]core.Object) (core.Object, error) {
	if err := th.CheckArgs("connect", args, kw, 1, 1); err != nil {
		return nil, err
	}
	port, err := portArg(th, "connect", args[0])
	if err != nil {
		return nil, err
	}
	if port == 0 {
		return nil, th.Raise(th.RaiseType("ValueError"), "connect(): port 0 names no listener")
	}
	var conn net.Conn
	var nerr error
	if err := th.AllowThreads(func() {
		conn, nerr = net.DialTimeout("tcp", fmt.Sprintf("127.0.0.1:%d", port), 10*time.Second)
	}); err != nil {
		return nil, err
	}
	if nerr != nil {
		return nil, raiseNet(th, "connect", nerr)
	}
	return newSocket(th, &socket{conn: conn}), nil
}

// byteString converts a str of characters below 256 to bytes.
func byteString(th *core.Thread, fname string, o core.Object) ([]byte, error) {
	s, err := th.StrArg(fname, o)
	if err != nil {
		return nil, err
	}
	b := make([]byte, 0, len(s))
	for i, r := range []rune(s) {
		if r > 0xff {
			return nil, th.Raisef(th.RaiseType("ValueError"), "%s(): character %U at index %d is not a byte (a byte string holds characters below 256)", fname, r, i)
		}
		b = append(b, byte(r))
	}
	return b, nil
}

// fromBytes is the byte string holding b.
func fromBytes(th *core.Thread, b []byte) core.Object {
	var sb strings.Builder
	for _, c := range b {
		sb.WriteRune(rune(c))
	}
	return th.NewStr(sb.String())
}

func socketSend(th *core.Thread, args []core.Object, kw map[string]core.Object) (core.Object, error) {
	if err := th.CheckArgs("send", args, kw, 2, 2); err != nil {
		return nil, err
	}
	s, err := sockArg(th, "send", args[0], "connection")
	if err != nil {
		return nil, err
	}
	data, err := byteString(th, "send", args[1])
	if err != nil {
		return nil, err
	}
	return sendAll(th, "send", s, data, int64(len(data)))
}

func sendAll(th *core.Thread, fname string, s *socket, data []byte, result int64) (core.Object, error) {
	var nerr error
	if err := th.AllowThreads(func() {
		s.deadline()
		_, nerr = s.conn.Write(data)
	}); err != nil {
		return nil, err
	}
	if nerr != nil {
		return nil, raiseNet(th, fname, nerr)
	}
	if result < 0 {
		return th.Runtime().None, nil
	}
	return th.NewInt(result), nil
}

func socketRecv(th *core.Thread, args []core.Object, kw map[string]core.Object) (core.Object, error) {
	if err := th.CheckArgs("recv", args, kw, 2, 2); err != nil {
		return nil, err
	}
	s, err := sockArg(th, "recv", args[0], "connection")
	if err != nil {
		return nil, err
	}
	n, err := th.IntArg("recv", args[1])
	if err != nil {
		return nil, err
	}
	if n < 0 || n > maxMessage {
		return nil, th.Raisef(th.RaiseType("ValueError"), "recv(): size must be 0-%d, not %d", maxMessage, n)
	}
	buf := make([]byte, n)
	var got int
	var nerr error
	if err := th.AllowThreads(func() {
		s.deadline()
		got, nerr = s.conn.Read(buf)
	}); err != nil {
		return nil, err
	}
	if nerr != nil && !errors.Is(nerr, io.EOF) {
		return nil, raiseNet(th, "recv", nerr)
	}
	return fromBytes(th, buf[:got]), nil
}

func socketSendMsg(th *core.Thread, args []core.Object, kw map[string]core.Object) (core.Object, error) {
	if err := th.CheckArgs("send_msg", args, kw, 2, 2); err != nil {
		return nil, err
	}
	s, err := sockArg(th, "send_msg", args[0], "connection")
	if err != nil {
		return nil, err
	}
	text, err := th.StrArg("send_msg", args[1])
	if err != nil {
		return nil, err
	}
	if len(text) > maxMessage {
		return nil, th.Raisef(th.RaiseType("ValueError"), "send_msg(): a message holds at most %d bytes, not %d", maxMessage, len(text))
	}
	frame := binary.BigEndian.AppendUint32(make([]byte, 0, 4+len(text)), uint32(len(text)))
	return sendAll(th, "send_msg", s, append(frame, text...), -1)
}

func socketRecvMsg(th *core.Thread, args []core.Object, kw map[string]core.Object) (core.Object, error) {
	if err := th.CheckArgs("recv_msg", args, kw, 1, 1); err != nil {
		return nil, err
	}
	s, err := sockArg(th, "recv_msg", args[0], "connection")
	if err != nil {
		return nil, err
	}
	var body []byte
	var eof bool
	var nerr error
	if err := th.AllowThreads(func() {
		s.deadline()
		var head [4]byte
		if _, nerr = io.ReadFull(s.conn, head[:]); nerr != nil {
			eof = errors.Is(nerr, io.EOF)
			return
		}
		n := binary.BigEndian.Uint32(head[:])
		if n > maxMessage {
			nerr = fmt.Errorf("a message length prefix of %d bytes exceeds the limit of %d", n, maxMessage)
			return
		}
		body = make([]byte, n)
		_, nerr = io.ReadFull(s.conn, body)
	}); err != nil {
		return nil, err
	}
	switch {
	case eof:
		return th.Runtime().None, nil
	case nerr != nil:
		return nil, raiseNet(th, "recv_msg", nerr)
	case !utf8.Valid(body):
		return nil, th.Raise(th.RaiseType("ValueError"), "recv_msg(): the message is not valid UTF-8")
	}
	return th.NewStr(string(body)), nil
}

func socketSetTimeout(th *core.Thread, args []core.Object, kw map[string]core.Object) (core.Object, error) {
	if err := th.CheckArgs("settimeout", args, kw, 2, 2); err != nil {
		return nil, err
	}
	s, err := sockArg(th, "settimeout", args[0], "")
	if err != nil {
		return nil, err
	}
	var d time.Duration
	if args[1] != th.Runtime().None {
		if d, err = th.SecondsArg("settimeout", args[1]); err != nil {
			return nil, err
		}
		if d == 0 {
			d = 1 // a zero timeout: every blocking call fails at once
		}
	}
	s.timeout.Store(int64(d))
	return th.Runtime().None, nil
}

func socketClose(th *core.Thread, args []core.Object, kw map[string]core.Object) (core.Object, error) {
	if err := th.CheckArgs("close", args, kw, 1, 1); err != nil {
		return nil, err
	}
	s, err := capsuleValue[*socket](th, "close", args[0], "socket")
	if err != nil {
		return nil, err
	}
	if err := s.close(); err != nil && !errors.Is(err, net.ErrClosed) {
		return nil, raiseNet(th, "close", err)
	}
	return th.Runtime().None, nil
}
