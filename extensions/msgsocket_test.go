package extensions_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/rwgil/rwgil/core"
)

// TestSocketEcho is story 9: a server thread and a client thread talk
// over loopback with the message helpers. Under gil the exchange itself
// proves that every blocking call releases the lock: each side blocks in
// recv while the other must run to send. The module is ported, so it
// never promotes.
func TestSocketEcho(t *testing.T) {
	const messages = 20
	for _, p := range policies() {
		t.Run(p.String(), func(t *testing.T) {
			w := newWorld(t, core.Config{Policy: p})
			th := w.main
			ln, err := w.call(th, "msgsocket.listen")
			w.check(err)
			defer th.Decref(ln)
			timeout := th.NewFloat(30)
			defer th.Decref(timeout)
			w.callOK(th, "msgsocket.settimeout", ln, timeout)
			port := w.callInt(th, "msgsocket.port", ln)
			w.parallel(2, func(id int, th *core.Thread) error {
				if id == 0 { // the server: echo until end of stream
					conn, err := w.call(th, "msgsocket.accept", ln)
					if err != nil {
						return err
					}
					defer th.Decref(conn)
					w.callOK(th, "msgsocket.settimeout", conn, timeout)
					for {
						msg, err := w.call(th, "msgsocket.recv_msg", conn)
						if err != nil {
							return err
						}
						if msg == th.Runtime().None {
							break
						}
						_, err = w.call(th, "msgsocket.send_msg", conn, msg)
						th.Decref(msg)
						if err != nil {
							return err
						}
					}
					w.callOK(th, "msgsocket.close", conn)
					return nil
				}
				portObj := th.NewInt(port)
				conn, err := w.call(th, "msgsocket.connect", portObj)
				th.Decref(portObj)
				if err != nil {
					return err
				}
				defer th.Decref(conn)
				w.callOK(th, "msgsocket.settimeout", conn, timeout)
				for i := range messages {
					text := fmt.Sprintf("message %d: héllo ✓", i)
					msg := th.NewStr(text)
					_, err := w.call(th, "msgsocket.send_msg", conn, msg)
					th.Decref(msg)
					if err != nil {
						return err
					}
					echo, err := w.call(th, "msgsocket.recv_msg", conn)
					if err != nil {
						return err
					}
					got, _ := th.Str(echo)
					th.Decref(echo)
					if got != text {
						return fmt.Errorf("echo %d = %q; want %q", i, got, text)
					}
				}
				w.callOK(th, "msgsocket.close", conn)
				return nil
			})
			w.callOK(th, "msgsocket.close", ln)
			if by := w.rt.Lock().Stats().PromotionsBy["msgsocket"]; by != 0 {
				t.Errorf("msgsocket forced %d promotions; a ported module never promotes", by)
			}
			w.balanced()
		})
	}
}

// TestSocketErrors: every misuse is a Python exception that names the
// problem, and nothing hangs (a timeout is a TimeoutError).
func TestSocketErrors(t *testing.T) {
	w := newWorld(t, core.Config{})
	th := w.main
	ln, err := w.call(th, "msgsocket.listen")
	w.check(err)
	defer th.Decref(ln)
	port := w.callInt(th, "msgsocket.port", ln)
	portObj := th.NewInt(port)
	defer th.Decref(portObj)
	client, err := w.call(th, "msgsocket.connect", portObj)
	w.check(err)
	defer th.Decref(client)
	server, err := w.call(th, "msgsocket.accept", ln)
	w.check(err)
	defer th.Decref(server)
	short := th.NewFloat(0.02)
	defer th.Decref(short)
	w.callOK(th, "msgsocket.settimeout", server, short)

	closedLn, err := w.call(th, "msgsocket.listen")
	w.check(err)
	closedPort := th.NewInt(w.callInt(th, "msgsocket.port", closedLn))
	defer th.Decref(closedPort)
	w.callOK(th, "msgsocket.close", closedLn)
	w.callOK(th, "msgsocket.close", closedLn) // idempotent
	th.Decref(closedLn)

	obj := func(o core.Object) core.Object { return o }
	str := func(s string) core.Object { o := th.NewStr(s); t.Cleanup(func() { th.Decref(o) }); return o }
	num := func(v int64) core.Object { o := th.NewInt(v); t.Cleanup(func() { th.Decref(o) }); return o }
	for _, tc := range []struct {
		fn       string
		args     []core.Object
		typ, msg string
	}{
		{"recv_msg", []core.Object{obj(server)}, "TimeoutError", "recv_msg(): timed out"},
		{"recv", []core.Object{obj(server), num(10)}, "TimeoutError", "recv(): timed out"},
		{"send", []core.Object{obj(client), str("né ☃")}, "ValueError", "send(): character U+2603 at index 3 is not a byte"},
		{"recv", []core.Object{obj(client), num(-1)}, "ValueError", "recv(): size must be"},
		{"accept", []core.Object{obj(client)}, "OSError", "accept(): the socket is a connection, not a listener"},
		{"send", []core.Object{obj(ln), str("x")}, "OSError", "send(): the socket is a listener, not a connection"},
		{"connect", []core.Object{closedPort}, "ConnectionError", "connect():"},
		{"connect", []core.Object{num(0)}, "ValueError", "connect(): port 0 names no listener"},
		{"listen", []core.Object{num(70000)}, "ValueError", "listen(): port must be 0-65535, not 70000"},
		{"port", []core.Object{str("nope")}, "TypeError", "port() argument must be a socket handle, not str"},
		{"settimeout", []core.Object{obj(server), str("soon")}, "TypeError", "cannot be interpreted as a number of seconds"},
		{"close", nil, "TypeError", "close() takes exactly one argument (0 given)"},
	} {
		_, err := w.call(th, "msgsocket."+tc.fn, tc.args...)
		if typ, msg := excOf(th, err); typ != tc.typ || !strings.Contains(msg, tc.msg) {
			t.Errorf("msgsocket.%s: got %s: %q; want %s containing %q", tc.fn, typ, msg, tc.typ, tc.msg)
		}
	}

	// A byte string crosses unchanged; the peer's close is end of stream.
	bytes := str("\x00\x01\u00ff")
	if n := w.callInt(th, "msgsocket.send", client, bytes); n != 3 {
		t.Errorf("send returned %d; want 3", n)
	}
	got, err := w.call(th, "msgsocket.recv", server, num(10))
	w.check(err)
	if s, _ := th.Repr(got); s != `'\x00\x01ÿ'` { // Python's repr too
		t.Errorf("recv returned %s; want '\\x00\\x01ÿ'", s)
	}
	th.Decref(got)
	w.callOK(th, "msgsocket.close", client)
	end, err := w.call(th, "msgsocket.recv_msg", server)
	w.check(err)
	if end != th.Runtime().None {
		t.Errorf("recv_msg at end of stream returned %s; want None", end.Type().Name())
	}
	_, err = w.call(th, "msgsocket.send", client, bytes)
	if typ, msg := excOf(th, err); typ != "OSError" || !strings.Contains(msg, "closed") {
		t.Errorf("send on a closed socket: got %s: %q; want OSError naming the close", typ, msg)
	}
}
