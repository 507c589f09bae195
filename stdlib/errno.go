//go:build linux

package stdlib

import "github.com/rwgil/rwgil/core"

//go:generate python3.12 errno_gen.py

// The errno module: the error numbers' names (Linux's values, as CPython
// has them on Linux) and errorcode, the name of each number. socket's
// OSErrors carry these numbers (e.errno == errno.ECONNREFUSED).

func init() { add("errno", loadErrno) }

func loadErrno(th *core.Thread, name string) (*core.Module, error) {
	mod := th.NewModule(name)
	d := mod.Dict()
	fail := func(err error) (*core.Module, error) {
		th.Decref(mod)
		return nil, err
	}
	for _, e := range errnoNames {
		v := th.NewInt(int64(e.value))
		err := th.DictSetStr(d, e.name, v)
		th.Decref(v)
		if err != nil {
			return fail(err)
		}
	}
	codes := th.NewDict()
	for _, e := range errnoNames {
		if errnoCodes[e.value] != e.name {
			continue
		}
		k, v := th.NewInt(int64(e.value)), th.NewStr(e.name)
		err := th.DictSet(codes, k, v)
		th.Decref(k)
		th.Decref(v)
		if err != nil {
			th.Decref(codes)
			return fail(err)
		}
	}
	err := th.DictSetStr(d, "errorcode", codes)
	th.Decref(codes)
	if err != nil {
		return fail(err)
	}
	return mod, nil
}
