//go:build linux

package stdlib

import (
	"strings"
	"syscall"
	"time"
	"unsafe"
)

// The system-call layer of socket and select: raw file descriptors, as
// CPython's socket module uses them, so that fileno() is a real
// descriptor select can wait on, errno values and messages are the
// kernel's, and blocking, non-blocking and timeout modes behave as
// CPython's do. Every descriptor is non-blocking in the kernel; a
// blocking call is a non-blocking attempt followed, on EAGAIN, by a
// detached wait in ppoll(2) (CPython does the same for sockets with a
// timeout). Linux only: elsewhere the two modules do not import
// (netsys_other.go).

// socketsSupported reports whether this platform has the system-call
// layer.
const socketsSupported = true

// pollFd is struct pollfd.
type pollFd struct {
	fd      int32
	events  int16
	revents int16
}

const (
	pollIn   = 0x1
	pollPri  = 0x2
	pollOut  = 0x4
	pollErr  = 0x8
	pollHup  = 0x10
	pollNval = 0x20
)

// sysPoll is ppoll(2) over fds for at most d (d < 0: no limit); it
// returns how many descriptors have events.
func sysPoll(fds []pollFd, d time.Duration) (int, error) {
	var ts *syscall.Timespec
	if d >= 0 {
		t := syscall.NsecToTimespec(int64(d))
		ts = &t
	}
	var p unsafe.Pointer
	if len(fds) > 0 {
		p = unsafe.Pointer(&fds[0])
	}
	n, _, e := syscall.Syscall6(syscall.SYS_PPOLL, uintptr(p), uintptr(len(fds)), uintptr(unsafe.Pointer(ts)), 0, 0, 0)
	if e != 0 {
		return 0, e
	}
	return int(n), nil
}

// pollOne waits for at most d for events on fd; it reports whether any
// came (an error counts: the next attempt of the call reports it).
func pollOne(fd int, events int16, d time.Duration) bool {
	fds := []pollFd{{fd: int32(fd), events: events}}
	n, err := sysPoll(fds, d)
	return n > 0 || (err != nil && err != syscall.EINTR)
}

// sysSocket is socket(2), non-blocking and close-on-exec.
func sysSocket(family, typ, proto int) (int, error) {
	return syscall.Socket(family, typ|syscall.SOCK_NONBLOCK|syscall.SOCK_CLOEXEC, proto)
}

// sysSocketpair is socketpair(2), non-blocking and close-on-exec.
func sysSocketpair(family, typ, proto int) ([2]int, error) {
	return syscall.Socketpair(family, typ|syscall.SOCK_NONBLOCK|syscall.SOCK_CLOEXEC, proto)
}

// sysAccept is accept4(2), the new descriptor non-blocking and
// close-on-exec.
func sysAccept(fd int) (int, syscall.Sockaddr, error) {
	return syscall.Accept4(fd, syscall.SOCK_NONBLOCK|syscall.SOCK_CLOEXEC)
}

// sysSend is send(2); MSG_NOSIGNAL makes a write to a closed peer
// EPIPE rather than SIGPIPE, as CPython (which ignores SIGPIPE) sees it.
func sysSend(fd int, p []byte, flags int) (int, error) {
	return syscall.SendmsgN(fd, p, nil, nil, flags|syscall.MSG_NOSIGNAL)
}

// sysSendto is sendto(2) for a datagram: all of p or an error.
func sysSendto(fd int, p []byte, flags int, to syscall.Sockaddr) (int, error) {
	if err := syscall.Sendto(fd, p, flags|syscall.MSG_NOSIGNAL, to); err != nil {
		return 0, err
	}
	return len(p), nil
}

// sysGetsockoptBytes is getsockopt(2) into a buffer of buflen bytes.
func sysGetsockoptBytes(fd, level, opt, buflen int) ([]byte, error) {
	buf := make([]byte, buflen)
	l := uint32(buflen)
	_, _, e := syscall.Syscall6(syscall.SYS_GETSOCKOPT, uintptr(fd), uintptr(level), uintptr(opt),
		uintptr(unsafe.Pointer(&buf[0])), uintptr(unsafe.Pointer(&l)), 0)
	if e != 0 {
		return nil, e
	}
	return buf[:l], nil
}

// sysSocketKind reads a descriptor's family, type and protocol
// (SO_DOMAIN, SO_TYPE, SO_PROTOCOL), as CPython does for socket(fileno=fd).
func sysSocketKind(fd int) (family, typ, proto int, err error) {
	if family, err = syscall.GetsockoptInt(fd, syscall.SOL_SOCKET, syscall.SO_DOMAIN); err != nil {
		return
	}
	if typ, err = syscall.GetsockoptInt(fd, syscall.SOL_SOCKET, syscall.SO_TYPE); err != nil {
		return
	}
	proto, err = syscall.GetsockoptInt(fd, syscall.SOL_SOCKET, syscall.SO_PROTOCOL)
	return
}

// strerror is C's strerror(e) as glibc words it, which CPython puts in
// OSError's message: Go's table is glibc's with the first letter lowered
// (checked against CPython's os.strerror in netsys_test.go).
func strerror(e syscall.Errno) string {
	s := e.Error()
	switch {
	case e == 133:
		return "Memory page has hardware error"
	case strings.HasPrefix(s, "errno "):
		return "Unknown error " + s[len("errno "):]
	case s == "":
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}
