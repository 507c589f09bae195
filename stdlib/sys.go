package stdlib

import (
	"fmt"
	"math"
	"runtime"
	"strings"
	"time"
	"unsafe"

	"github.com/rwgil/rwgil/core"
	"github.com/rwgil/rwgil/refcount"
)

// The sys module: the program's arguments, exit, the standard streams,
// and the interpreter's settings that a threaded program reads or sets
// while it runs -- the recursion limit, the GIL's switch interval, the
// int-to-str digit limit -- each one the running runtime's, set
// atomically so that any thread may set it while the others run.

func init() { add("sys", loadSys) }

// pyVersion is the Python version rwgil's front end implements, as
// sys.version_info says it.
var pyVersion = struct {
	major, minor, micro int
	level               string
	serial              int
}{3, 12, 0, "final", 0}

func loadSys(th *core.Thread, name string) (*core.Module, error) {
	mod := th.NewModule(name)
	if err := buildSys(th, mod); err != nil {
		th.Decref(mod)
		return nil, err
	}
	return mod, nil
}

func buildSys(th *core.Thread, mod *core.Module) error {
	rt := th.Runtime()
	none := rt.None
	d := mod.Dict()
	argv := rt.Config().Argv
	if len(argv) == 0 {
		argv = []string{""}
	}
	items := make([]core.Object, len(argv))
	for i, a := range argv {
		items[i] = th.NewStr(a)
	}
	if err := dictSetNew(th, d, "argv", th.NewList(items)); err != nil {
		return err
	}
	hexversion := int64(pyVersion.major)<<24 | int64(pyVersion.minor)<<16 | int64(pyVersion.micro)<<8 | 0xf0 | int64(pyVersion.serial)
	version := fmt.Sprintf("%d.%d.%d (rwgil, %s) [Go %s]", pyVersion.major, pyVersion.minor, pyVersion.micro, rt.Lock().Policy(), strings.TrimPrefix(runtime.Version(), "go"))
	platform := runtime.GOOS
	if platform == "windows" {
		platform = "win32"
	}
	consts := []struct {
		name string
		v    core.Object
	}{
		{"maxsize", th.NewInt(math.MaxInt64)},
		{"hexversion", th.NewInt(hexversion)},
		{"version", th.NewStr(version)},
		{"platform", th.NewStr(platform)},
		{"byteorder", th.NewStr(byteOrder())},
		{"executable", th.NewStr("")},
		{"api_version", th.NewInt(1013)},
		{"maxunicode", th.NewInt(0x10ffff)},
		{"builtin_module_names", th.NewTuple(nil)},
		{"path", th.NewList(nil)},
	}
	for _, c := range consts {
		if err := dictSetNew(th, d, c.name, c.v); err != nil {
			return err
		}
	}
	vi, err := newVersionInfo(th, mod)
	if err != nil {
		return err
	}
	if err := th.DictSetStr(d, "version_info", vi); err != nil {
		th.Decref(vi)
		return err
	}
	implName, implHex := th.NewStr("rwgil"), th.NewInt(hexversion)
	impl, err := newNamespace(th, mod, []nsItem{
		{"name", implName},
		{"cache_tag", none},
		{"version", vi},
		{"hexversion", implHex},
	})
	th.Decref(vi)
	th.Decref(implName)
	th.Decref(implHex)
	if err != nil {
		return err
	}
	if err := dictSetNew(th, d, "implementation", impl); err != nil {
		return err
	}
	if err := buildStreams(th, mod); err != nil {
		return err
	}
	if err := buildModuleTable(th, mod); err != nil {
		return err
	}
	return addModuleFuncs(th, mod, sysFuncs(th))
}

func byteOrder() string {
	x := uint16(1)
	if *(*byte)(unsafe.Pointer(&x)) == 1 {
		return "little"
	}
	return "big"
}

func sysFuncs(th *core.Thread) []pyMethod {
	rt := th.Runtime()
	none := rt.None
	noArgs := func(name string, fn func(th *core.Thread) (core.Object, error)) pyMethod {
		return pyMethod{name, func(th *core.Thread, args []core.Object, kw map[string]core.Object) (core.Object, error) {
			if err := th.CheckArgs(name, args, kw, 0, 0); err != nil {
				return nil, err
			}
			return fn(th)
		}}
	}
	oneArg := func(name string, fn func(th *core.Thread, o core.Object) (core.Object, error)) pyMethod {
		return pyMethod{name, func(th *core.Thread, args []core.Object, kw map[string]core.Object) (core.Object, error) {
			if err := th.CheckArgs(name, args, kw, 1, 1); err != nil {
				return nil, err
			}
			return fn(th, args[0])
		}}
	}
	return []pyMethod{
		{"exit", func(th *core.Thread, args []core.Object, kw map[string]core.Object) (core.Object, error) {
			if err := th.CheckArgs("exit", args, kw, 0, 1); err != nil {
				return nil, err
			}
			e, err := th.Call(th.RaiseType("SystemExit"), args, nil)
			if err != nil {
				return nil, err
			}
			if x, ok := e.(*core.Exception); ok {
				return nil, x
			}
			th.Decref(e)
			return nil, th.Raise(th.RaiseType("SystemError"), "SystemExit() did not make an exception")
		}},
		noArgs("getrecursionlimit", func(th *core.Thread) (core.Object, error) {
			return th.NewInt(int64(th.Runtime().RecursionLimit())), nil
		}),
		oneArg("setrecursionlimit", func(th *core.Thread, o core.Object) (core.Object, error) {
			if _, ok := o.(*core.Float); ok {
				return nil, th.Raise(th.RaiseType("TypeError"), "'float' object cannot be interpreted as an integer")
			}
			n, err := th.IntArg("setrecursionlimit", o)
			if err != nil {
				return nil, err
			}
			return none, th.SetRecursionLimit(n)
		}),
		noArgs("getswitchinterval", func(th *core.Thread) (core.Object, error) {
			return th.NewFloat(float64(th.Runtime().Lock().SwitchInterval()/time.Microsecond) * 1e-6), nil
		}),
		oneArg("setswitchinterval", func(th *core.Thread, o core.Object) (core.Object, error) {
			f, err := numberAsFloat(th, o, "must be real number, not "+o.Type().Name())
			if err != nil {
				return nil, err
			}
			if !(f > 0) {
				return nil, th.Raise(th.RaiseType("ValueError"), "switch interval must be strictly positive")
			}
			// CPython keeps whole microseconds, truncated (0.0002 is
			// 199.99999999999997 of them); an interval below one runs as
			// the shortest one the lock takes, and reads back as 0.0.
			us := math.Min(f*1e6, float64(math.MaxInt64/1000))
			d := time.Duration(us) * time.Microsecond
			if d == 0 {
				d = 1
			}
			if err := th.Runtime().Lock().SetSwitchInterval(d); err != nil {
				return nil, th.Raise(th.RaiseType("ValueError"), err.Error())
			}
			return none, nil
		}),
		noArgs("_is_gil_enabled", func(th *core.Thread) (core.Object, error) {
			return rt.Bool(th.Runtime().Lock().GILEnabled()), nil
		}),
		oneArg("getrefcount", func(th *core.Thread, o core.Object) (core.Object, error) {
			n := th.Runtime().Refcount().Refcnt(o)
			if n == refcount.ImmortalRefcnt {
				n = math.MaxUint32 // what CPython 3.12 reports for an immortal object
			}
			return th.NewInt(n), nil
		}),
		noArgs("get_int_max_str_digits", func(th *core.Thread) (core.Object, error) {
			return th.NewInt(int64(th.Runtime().IntMaxStrDigits())), nil
		}),
		{"set_int_max_str_digits", func(th *core.Thread, args []core.Object, kw map[string]core.Object) (core.Object, error) {
			if err := th.CheckArgs("set_int_max_str_digits", args, kw, 0, 1, "maxdigits"); err != nil {
				return nil, err
			}
			o := kw["maxdigits"]
			if len(args) == 1 {
				o = args[0]
			}
			if o == nil {
				return nil, th.Raise(th.RaiseType("TypeError"), "set_int_max_str_digits() missing required argument 'maxdigits' (pos 1)")
			}
			n, err := th.IntArg("set_int_max_str_digits", o)
			if err != nil {
				return nil, err
			}
			return none, th.SetIntMaxStrDigits(n)
		}},
		oneArg("intern", func(th *core.Thread, o core.Object) (core.Object, error) {
			s, ok := o.(*core.Str)
			if !ok {
				return nil, th.Raisef(th.RaiseType("TypeError"), "intern() argument must be str, not %s", o.Type().Name())
			}
			return th.Runtime().Intern(s.String()), nil
		}),
		noArgs("getdefaultencoding", func(th *core.Thread) (core.Object, error) { return th.NewStr("utf-8"), nil }),
		noArgs("getfilesystemencoding", func(th *core.Thread) (core.Object, error) { return th.NewStr("utf-8"), nil }),
	}
}

// newVersionInfo returns a new reference to sys.version_info: a tuple
// (major, minor, micro, releaselevel, serial) with those attributes, as
// CPython's struct sequence.
func newVersionInfo(th *core.Thread, mod *core.Module) (core.Object, error) {
	bm, err := th.Import("builtins")
	if err != nil {
		return nil, err
	}
	tup, err := th.GetAttr(bm, "tuple")
	th.Decref(bm)
	if err != nil {
		return nil, err
	}
	defer th.Decref(tup)
	fields := []string{"major", "minor", "micro", "releaselevel", "serial"}
	props := make([]pyProp, len(fields))
	for i, f := range fields {
		props[i] = pyProp{f, func(th *core.Thread, self core.Object) (core.Object, error) {
			idx := th.NewInt(int64(i))
			defer th.Decref(idx)
			return th.GetItem(self, idx)
		}, nil}
	}
	cls, err := newPyClass(th, mod, pyClassDef{name: "version_info", bases: []*core.Type{tup.(*core.Type)}, props: props,
		methods: []pyMethod{methodNoArgs("__repr__", func(th *core.Thread, self core.Object) (core.Object, error) {
			parts := make([]string, len(fields))
			for i, f := range fields {
				idx := th.NewInt(int64(i))
				v, err := th.GetItem(self, idx)
				th.Decref(idx)
				if err != nil {
					return nil, err
				}
				r, err := th.Repr(v)
				th.Decref(v)
				if err != nil {
					return nil, err
				}
				parts[i] = f + "=" + r
			}
			return th.NewStr("sys.version_info(" + strings.Join(parts, ", ") + ")"), nil
		})}})
	if err != nil {
		return nil, err
	}
	v := pyVersion
	t := th.NewTuple([]core.Object{th.NewInt(int64(v.major)), th.NewInt(int64(v.minor)), th.NewInt(int64(v.micro)), th.NewStr(v.level), th.NewInt(int64(v.serial))})
	defer th.Decref(t)
	return th.Call(cls, []core.Object{t}, nil)
}

// nsItem is one attribute of a namespace (v borrowed).
type nsItem struct {
	name string
	v    core.Object
}

// newNamespace returns a new reference to a types.SimpleNamespace-like
// object with the given attributes, its repr "namespace(k=v, ...)".
// The values are borrowed.
func newNamespace(th *core.Thread, mod *core.Module, items []nsItem) (core.Object, error) {
	names := make([]string, len(items))
	for i, it := range items {
		names[i] = it.name
	}
	cls, err := newPyClass(th, mod, pyClassDef{name: "SimpleNamespace",
		methods: []pyMethod{methodNoArgs("__repr__", func(th *core.Thread, self core.Object) (core.Object, error) {
			parts := make([]string, 0, len(names))
			for _, n := range names {
				v, err := th.GetAttr(self, n)
				if err != nil {
					th.Discard(err)
					continue
				}
				r, err := th.Repr(v)
				th.Decref(v)
				if err != nil {
					return nil, err
				}
				parts = append(parts, n+"="+r)
			}
			return th.NewStr("namespace(" + strings.Join(parts, ", ") + ")"), nil
		})}})
	if err != nil {
		return nil, err
	}
	// The class is the module's only through this object.
	key := th.NewStr("SimpleNamespace")
	th.Incref(cls) // the module's reference goes
	_, err = th.DictDelete(mod.Dict(), key)
	th.Decref(key)
	defer th.Decref(cls)
	if err != nil {
		return nil, err
	}
	o, err := th.Call(cls, nil, nil)
	if err != nil {
		return nil, err
	}
	for _, it := range items {
		if err := th.SetAttr(o, it.name, it.v); err != nil {
			th.Decref(o)
			return nil, err
		}
	}
	return o, nil
}

// buildStreams makes sys.stdout and sys.stderr (and __stdout__,
// __stderr__): text streams whose write goes to the runtime's stdout and
// stderr, in one piece with print()'s output.
func buildStreams(th *core.Thread, mod *core.Module) error {
	rt := th.Runtime()
	cls, err := newPyClass(th, mod, pyClassDef{name: "TextIOWrapper",
		methods: []pyMethod{
			{"write", func(th *core.Thread, args []core.Object, kw map[string]core.Object) (core.Object, error) {
				if err := th.CheckArgs("write", args[1:], kw, 1, 1); err != nil {
					return nil, err
				}
				s, ok := args[1].(*core.Str)
				if !ok {
					return nil, th.Raisef(th.RaiseType("TypeError"), "write() argument must be str, not %s", args[1].Type().Name())
				}
				fd, err := streamFD(th, args[0])
				if err != nil {
					return nil, err
				}
				text := s.String()
				if fd == 2 {
					err = th.WriteStderr(text)
				} else {
					err = th.WriteStdout(text)
				}
				if err != nil {
					return nil, err
				}
				return th.NewInt(int64(len([]rune(text)))), nil
			}},
			methodNoArgs("flush", func(th *core.Thread, self core.Object) (core.Object, error) { return rt.None, nil }),
			methodNoArgs("fileno", func(th *core.Thread, self core.Object) (core.Object, error) {
				fd, err := streamFD(th, self)
				if err != nil {
					return nil, err
				}
				return th.NewInt(fd), nil
			}),
			methodNoArgs("isatty", func(th *core.Thread, self core.Object) (core.Object, error) { return rt.Bool(false), nil }),
			methodNoArgs("writable", func(th *core.Thread, self core.Object) (core.Object, error) { return rt.Bool(true), nil }),
			methodNoArgs("readable", func(th *core.Thread, self core.Object) (core.Object, error) { return rt.Bool(false), nil }),
			methodNoArgs("__repr__", func(th *core.Thread, self core.Object) (core.Object, error) {
				n, err := th.GetAttr(self, "name")
				if err != nil {
					return nil, err
				}
				defer th.Decref(n)
				r, err := th.Repr(n)
				if err != nil {
					return nil, err
				}
				return th.NewStr("<_io.TextIOWrapper name=" + r + " mode='w' encoding='utf-8'>"), nil
			}),
		}})
	if err != nil {
		return err
	}
	for _, s := range []struct {
		name string
		fd   int64
	}{{"stdout", 1}, {"stderr", 2}} {
		o, err := th.Call(cls, nil, nil)
		if err != nil {
			return err
		}
		for _, a := range []struct {
			n string
			v core.Object
		}{{"name", th.NewStr("<" + s.name + ">")}, {"_fd", th.NewInt(s.fd)}, {"encoding", th.NewStr("utf-8")}, {"mode", th.NewStr("w")}} {
			if err := setAttrNew(th, o, a.n, a.v); err != nil {
				th.Decref(o)
				return err
			}
		}
		if err := th.DictSetStr(mod.Dict(), "__"+s.name+"__", o); err != nil {
			th.Decref(o)
			return err
		}
		if err := dictSetNew(th, mod.Dict(), s.name, o); err != nil {
			return err
		}
	}
	return nil
}

func streamFD(th *core.Thread, self core.Object) (int64, error) {
	fd, err := th.GetAttr(self, "_fd")
	if err != nil {
		return 0, err
	}
	defer th.Decref(fd)
	return th.IntArg("write", fd)
}

// buildModuleTable makes sys.modules: a read-only mapping of the modules
// imported in the runtime, read live from its module table.
func buildModuleTable(th *core.Thread, mod *core.Module) error {
	rt := th.Runtime()
	keyOf := func(th *core.Thread, o core.Object) (string, bool) {
		s, ok := o.(*core.Str)
		if !ok {
			return "", false
		}
		return s.String(), true
	}
	namesList := func(th *core.Thread) core.Object {
		names := rt.ModuleNames()
		items := make([]core.Object, len(names))
		for i, n := range names {
			items[i] = th.NewStr(n)
		}
		return th.NewList(items)
	}
	pairs := func(th *core.Thread, which int) (core.Object, error) {
		out := th.NewList(nil)
		for _, n := range rt.ModuleNames() {
			m := th.ImportedModule(n)
			if m == nil {
				continue
			}
			var item core.Object
			switch which {
			case 0:
				item = m
			default:
				k := th.NewStr(n)
				item = th.Pack(k, m)
				th.Decref(k)
				th.Decref(m)
			}
			err := th.ListAppend(out, item)
			th.Decref(item)
			if err != nil {
				th.Decref(out)
				return nil, err
			}
		}
		return out, nil
	}
	cls, err := newPyClass(th, mod, pyClassDef{name: "_ModuleTable", methods: []pyMethod{
		{"__getitem__", func(th *core.Thread, args []core.Object, kw map[string]core.Object) (core.Object, error) {
			if err := th.CheckArgs("__getitem__", args[1:], kw, 1, 1); err != nil {
				return nil, err
			}
			if n, ok := keyOf(th, args[1]); ok {
				if m := th.ImportedModule(n); m != nil {
					return m, nil
				}
			}
			k, err := th.Repr(args[1])
			if err != nil {
				return nil, err
			}
			e, err := th.Call(th.RaiseType("KeyError"), []core.Object{args[1]}, nil)
			if err != nil {
				return nil, err
			}
			if x, ok := e.(*core.Exception); ok {
				return nil, x
			}
			th.Decref(e)
			return nil, th.Raise(th.RaiseType("KeyError"), k)
		}},
		{"get", func(th *core.Thread, args []core.Object, kw map[string]core.Object) (core.Object, error) {
			if err := th.CheckArgs("get", args[1:], kw, 1, 2); err != nil {
				return nil, err
			}
			if n, ok := keyOf(th, args[1]); ok {
				if m := th.ImportedModule(n); m != nil {
					return m, nil
				}
			}
			if len(args) > 2 {
				th.Incref(args[2])
				return args[2], nil
			}
			return rt.None, nil
		}},
		{"__contains__", func(th *core.Thread, args []core.Object, kw map[string]core.Object) (core.Object, error) {
			if err := th.CheckArgs("__contains__", args[1:], kw, 1, 1); err != nil {
				return nil, err
			}
			n, ok := keyOf(th, args[1])
			if !ok {
				return rt.Bool(false), nil
			}
			m := th.ImportedModule(n)
			th.XDecref(m)
			return rt.Bool(m != nil), nil
		}},
		methodNoArgs("__len__", func(th *core.Thread, self core.Object) (core.Object, error) {
			return th.NewInt(int64(len(rt.ModuleNames()))), nil
		}),
		methodNoArgs("__iter__", func(th *core.Thread, self core.Object) (core.Object, error) {
			l := namesList(th)
			defer th.Decref(l)
			return th.Iter(l)
		}),
		methodNoArgs("keys", func(th *core.Thread, self core.Object) (core.Object, error) { return namesList(th), nil }),
		methodNoArgs("values", func(th *core.Thread, self core.Object) (core.Object, error) { return pairs(th, 0) }),
		methodNoArgs("items", func(th *core.Thread, self core.Object) (core.Object, error) { return pairs(th, 1) }),
		methodNoArgs("__repr__", func(th *core.Thread, self core.Object) (core.Object, error) {
			var b strings.Builder
			b.WriteString("{")
			for i, n := range rt.ModuleNames() {
				if i > 0 {
					b.WriteString(", ")
				}
				fmt.Fprintf(&b, "'%s': <module '%s'>", n, n)
			}
			b.WriteString("}")
			return th.NewStr(b.String()), nil
		}),
	}})
	if err != nil {
		return err
	}
	o, err := th.Call(cls, nil, nil)
	if err != nil {
		return err
	}
	return dictSetNew(th, mod.Dict(), "modules", o)
}
