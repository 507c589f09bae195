package stdlib

import (
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"syscall"

	"github.com/rwgil/rwgil/core"
)

// The os module: the process's identity and environment, processor
// placement (sched_setaffinity and sched_getaffinity, on Linux:
// affinity_linux.go), and os.path (CPython's posixpath) for str paths.
//
// Differences from CPython: os.environ is a read-only mapping (a
// mappingproxy of the environment as it was when os was first imported
// in the runtime), not a mutable os._Environ; assigning to it raises
// TypeError and there is no putenv. os.path takes str paths (exists
// also bytes and file descriptors, as CPython's does).

func init() { add("os", loadOS) }

func loadOS(th *core.Thread, name string) (*core.Module, error) {
	getenv := &signature{name: "getenv", names: []string{"key", "default"}, npos: 2, required: 1, python: true}
	var environ *core.Dict
	m, err := newNativeModule(th, name, append([]nativeFunc{
		{"getpid", func(th *core.Thread, args []core.Object, kw map[string]core.Object) (core.Object, error) {
			if err := th.CheckArgs("posix.getpid", args, kw, 0, 0); err != nil {
				return nil, err
			}
			return th.NewInt(int64(os.Getpid())), nil
		}},
		{"cpu_count", func(th *core.Thread, args []core.Object, kw map[string]core.Object) (core.Object, error) {
			if err := th.CheckArgs("posix.cpu_count", args, kw, 0, 0); err != nil {
				return nil, err
			}
			return th.NewInt(int64(runtime.NumCPU())), nil
		}},
		{"getcwd", func(th *core.Thread, args []core.Object, kw map[string]core.Object) (core.Object, error) {
			if err := th.CheckArgs("posix.getcwd", args, kw, 0, 0); err != nil {
				return nil, err
			}
			wd, err := os.Getwd()
			if err != nil {
				return nil, th.Raise(th.RaiseType("OSError"), err.Error())
			}
			return th.NewStr(wd), nil
		}},
		{"getenv", func(th *core.Thread, args []core.Object, kw map[string]core.Object) (core.Object, error) {
			a, err := getenv.bind(th, args, kw)
			if err != nil {
				return nil, err
			}
			if _, ok := a[0].(*core.Str); !ok {
				return nil, th.Raisef(th.RaiseType("TypeError"), "str expected, not %s", a[0].Type().Name())
			}
			v, err := th.DictGet(environ, a[0])
			if err != nil || v != nil {
				return v, err
			}
			if a[1] == nil {
				return th.Runtime().None, nil
			}
			th.Incref(a[1])
			return a[1], nil
		}},
		{"urandom", func(th *core.Thread, args []core.Object, kw map[string]core.Object) (core.Object, error) {
			if err := th.CheckArgs("urandom", args, kw, 1, 1); err != nil {
				return nil, err
			}
			n, err := th.IntArg("urandom", args[0])
			if err != nil {
				return nil, err
			}
			if n < 0 {
				return nil, th.Raise(th.RaiseType("ValueError"), "negative argument not allowed")
			}
			b := make([]byte, n)
			if err := osRandom(b); err != nil {
				return nil, th.Raise(th.RaiseType("OSError"), err.Error())
			}
			return th.NewBytes(b), nil
		}},
	}, osAffinityFuncs()...))
	if err != nil {
		return nil, err
	}
	d := m.Dict()
	environ = th.NewDict()
	defer th.Decref(environ)
	for _, kv := range os.Environ() {
		k, v, _ := strings.Cut(kv, "=")
		key, val := th.NewStr(k), th.NewStr(v)
		err := th.DictSet(environ, key, val)
		th.Decref(key)
		th.Decref(val)
		if err != nil {
			th.Decref(m)
			return nil, err
		}
	}
	path, err := loadPosixpath(th)
	if err != nil {
		th.Decref(m)
		return nil, err
	}
	for _, c := range []struct {
		name string
		v    core.Object
	}{
		{"environ", th.NewMappingProxy(environ)},
		{"path", path},
		{"name", th.NewStr("posix")},
		{"sep", th.NewStr("/")},
		{"altsep", th.Runtime().None},
		{"extsep", th.NewStr(".")},
		{"pathsep", th.NewStr(":")},
		{"linesep", th.NewStr("\n")},
		{"curdir", th.NewStr(".")},
		{"pardir", th.NewStr("..")},
		{"devnull", th.NewStr("/dev/null")},
	} {
		if err := setOwned(th, d, c.name, c.v); err != nil {
			th.Decref(m)
			return nil, err
		}
	}
	return m, nil
}

// osRandom fills b from the operating system's random source.
func osRandom(b []byte) error {
	f, err := os.Open("/dev/urandom")
	if err != nil {
		return err
	}
	defer f.Close()
	for n := 0; n < len(b); {
		k, err := f.Read(b[n:])
		if err != nil {
			return err
		}
		n += k
	}
	return nil
}

// loadPosixpath makes os.path: posixpath's functions on str paths.
func loadPosixpath(th *core.Thread) (*core.Module, error) {
	fspath := func(th *core.Thread, o core.Object) (string, error) {
		if s, ok := o.(*core.Str); ok {
			return s.String(), nil
		}
		return "", th.Raisef(th.RaiseType("TypeError"), "expected str, bytes or os.PathLike object, not %s", o.Type().Name())
	}
	oneStr := func(fname string, fn func(th *core.Thread, p string) core.Object) core.BuiltinFunc {
		sig := &signature{name: fname, names: []string{"p"}, npos: 1, required: 1, python: true}
		return func(th *core.Thread, args []core.Object, kw map[string]core.Object) (core.Object, error) {
			a, err := sig.bind(th, args, kw)
			if err != nil {
				return nil, err
			}
			p, err := fspath(th, a[0])
			if err != nil {
				return nil, err
			}
			return fn(th, p), nil
		}
	}
	stat := func(fname string, test func(os.FileInfo) bool) core.BuiltinFunc {
		sig := &signature{name: fname, names: []string{"path"}, npos: 1, required: 1, python: true}
		return func(th *core.Thread, args []core.Object, kw map[string]core.Object) (core.Object, error) {
			a, err := sig.bind(th, args, kw)
			if err != nil {
				return nil, err
			}
			var fi os.FileInfo
			switch p := a[0].(type) {
			case *core.Str:
				fi, err = os.Stat(p.String())
			case *core.Bytes:
				b, _ := th.BytesLike(p)
				fi, err = os.Stat(string(b))
			case *core.Int:
				fd, ok := p.Int64()
				if !ok || fd < 0 || fd > 1<<30 {
					return th.Runtime().False, nil
				}
				var st syscall.Stat_t
				if syscall.Fstat(int(fd), &st) != nil {
					return th.Runtime().False, nil
				}
				switch fname {
				case "isfile":
					return th.Runtime().Bool(st.Mode&syscall.S_IFMT == syscall.S_IFREG), nil
				case "isdir":
					return th.Runtime().Bool(st.Mode&syscall.S_IFMT == syscall.S_IFDIR), nil
				}
				return th.Runtime().True, nil
			default:
				return nil, th.Raisef(th.RaiseType("TypeError"), "stat: path should be string, bytes, os.PathLike or integer, not %s", a[0].Type().Name())
			}
			return th.Runtime().Bool(err == nil && (test == nil || test(fi))), nil
		}
	}
	join := func(th *core.Thread, args []core.Object, kw map[string]core.Object) (core.Object, error) {
		if err := th.CheckArgs("join", args, kw, 0, -1); err != nil {
			return nil, err
		}
		if len(args) == 0 {
			return nil, th.Raise(th.RaiseType("TypeError"), "join() missing 1 required positional argument: 'a'")
		}
		path, err := fspath(th, args[0])
		if err != nil {
			return nil, err
		}
		for _, o := range args[1:] {
			s, ok := o.(*core.Str)
			if !ok {
				return nil, th.Raisef(th.RaiseType("TypeError"), "join() argument must be str, bytes, or os.PathLike object, not '%s'", o.Type().Name())
			}
			b := s.String()
			switch {
			case strings.HasPrefix(b, "/"):
				path = b
			case path == "" || strings.HasSuffix(path, "/"):
				path += b
			default:
				path += "/" + b
			}
		}
		return th.NewStr(path), nil
	}
	m, err := newNativeModule(th, "posixpath", []nativeFunc{
		{"join", join},
		{"exists", stat("exists", nil)},
		{"isfile", stat("isfile", func(fi os.FileInfo) bool { return fi.Mode().IsRegular() })},
		{"isdir", stat("isdir", func(fi os.FileInfo) bool { return fi.IsDir() })},
		{"basename", oneStr("basename", func(th *core.Thread, p string) core.Object {
			return th.NewStr(p[strings.LastIndexByte(p, '/')+1:])
		})},
		{"dirname", oneStr("dirname", func(th *core.Thread, p string) core.Object {
			head, _ := posixSplit(p)
			return th.NewStr(head)
		})},
		{"split", oneStr("split", func(th *core.Thread, p string) core.Object {
			head, tail := posixSplit(p)
			h, t := th.NewStr(head), th.NewStr(tail)
			return th.NewTuple([]core.Object{h, t})
		})},
		{"splitext", oneStr("splitext", func(th *core.Thread, p string) core.Object {
			root, ext := posixSplitext(p)
			r, e := th.NewStr(root), th.NewStr(ext)
			return th.NewTuple([]core.Object{r, e})
		})},
		{"isabs", oneStr("isabs", func(th *core.Thread, p string) core.Object {
			return th.Runtime().Bool(strings.HasPrefix(p, "/"))
		})},
		{"normpath", oneStr("normpath", func(th *core.Thread, p string) core.Object {
			return th.NewStr(posixNormpath(p))
		})},
		{"abspath", oneStr("abspath", func(th *core.Thread, p string) core.Object {
			if !strings.HasPrefix(p, "/") {
				if wd, err := os.Getwd(); err == nil {
					p = filepath.Join(wd, p)
				}
			}
			return th.NewStr(posixNormpath(p))
		})},
	})
	if err != nil {
		return nil, err
	}
	if err := setOwned(th, m.Dict(), "sep", th.NewStr("/")); err != nil {
		th.Decref(m)
		return nil, err
	}
	return m, nil
}

// posixSplit is posixpath.split: everything up to the last slash (with
// trailing slashes removed unless it is all slashes), and the rest.
func posixSplit(p string) (head, tail string) {
	i := strings.LastIndexByte(p, '/') + 1
	head, tail = p[:i], p[i:]
	if head != "" && strings.Trim(head, "/") != "" {
		head = strings.TrimRight(head, "/")
	}
	return head, tail
}

// posixSplitext is posixpath.splitext: leading dots of the last component
// do not start an extension.
func posixSplitext(p string) (root, ext string) {
	sep := strings.LastIndexByte(p, '/')
	dot := strings.LastIndexByte(p, '.')
	if dot > sep {
		for i := sep + 1; i < dot; i++ {
			if p[i] != '.' {
				return p[:dot], p[dot:]
			}
		}
	}
	return p, ""
}

// posixNormpath is posixpath.normpath.
func posixNormpath(p string) string {
	if p == "" {
		return "."
	}
	initial := 0
	if strings.HasPrefix(p, "/") {
		initial = 1
		if strings.HasPrefix(p, "//") && !strings.HasPrefix(p, "///") {
			initial = 2
		}
	}
	var comps []string
	for _, c := range strings.Split(p, "/") {
		switch {
		case c == "" || c == ".":
		case c != ".." || (initial == 0 && len(comps) == 0) || (len(comps) > 0 && comps[len(comps)-1] == ".."):
			comps = append(comps, c)
		case len(comps) > 0:
			comps = comps[:len(comps)-1]
		}
	}
	out := strings.Repeat("/", initial) + strings.Join(comps, "/")
	if out == "" {
		return "."
	}
	return out
}
