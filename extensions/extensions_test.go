package extensions_test

import (
	"errors"
	"fmt"
	"os"
	"strings"
	"testing"

	"github.com/rwgil/rwgil/core"
	"github.com/rwgil/rwgil/core/bytecode"
	"github.com/rwgil/rwgil/eml"
	"github.com/rwgil/rwgil/extensions"
)

func noop(th *core.Thread, args []core.Object, kw map[string]core.Object) (core.Object, error) {
	return th.Runtime().None, nil
}

// TestRegister: a module needs a name and functions; a name is registered
// once; the module is importable with its functions and docstring.
func TestRegister(t *testing.T) {
	rt, err := core.NewRuntime(core.Config{})
	if err != nil {
		t.Fatal(err)
	}
	fns := map[string]extensions.Func{"f": noop}
	for _, tc := range []struct {
		name string
		m    extensions.Module
		want string // "" = no error
	}{
		{"ok", extensions.Module{Name: "mine", Funcs: fns, Doc: "my module"}, ""},
		{"duplicate", extensions.Module{Name: "mine", Funcs: fns}, `a module named "mine" is already registered`},
		{"no name", extensions.Module{Funcs: fns}, "a module needs a name"},
		{"no functions", extensions.Module{Name: "empty"}, `module "empty" has no functions`},
		{"nil function", extensions.Module{Name: "nil", Funcs: map[string]extensions.Func{"g": nil}}, "function nil.g is nil"},
		{"shadows thread", extensions.Module{Name: "thread", Funcs: fns}, `"thread" is already registered`},
	} {
		err := extensions.Register(rt, tc.m)
		switch {
		case tc.want == "" && err != nil:
			t.Errorf("%s: %v", tc.name, err)
		case tc.want != "" && (err == nil || !strings.Contains(err.Error(), tc.want)):
			t.Errorf("%s: got %v; want an error containing %q", tc.name, err, tc.want)
		}
	}
	th := rt.NewThread("main")
	if err := th.Attach(); err != nil {
		t.Fatal(err)
	}
	m, err := th.Import("mine")
	if err != nil {
		t.Fatal(err)
	}
	doc, err := th.GetAttr(m, "__doc__")
	if err != nil {
		t.Fatal(err)
	}
	if s, _ := th.Str(doc); s != "my module" {
		t.Errorf("__doc__ = %q", s)
	}
	th.Decref(doc)
	th.Decref(m)
	if err := th.Detach(); err != nil {
		t.Fatal(err)
	}
	if err := th.Close(); err != nil {
		t.Fatal(err)
	}
	if err := rt.Close(); err != nil {
		t.Fatal(err)
	}
}

// TestImportPolicies: importing an unported module under sticky turns the
// GIL on once, with CPython 3.13t's warning (one warning however many
// unported modules follow); a ported one changes nothing; free with
// Strict refuses the unported module with an ImportError; plain free
// imports it unprotected and silently.
func TestImportPolicies(t *testing.T) {
	for _, tc := range []struct {
		name    string
		cfg     core.Config
		imports []string
		gil     bool
		warned  []string // modules named in warnings, in order
		refused string   // the module refused, if any
	}{
		{"sticky ported", core.Config{Policy: eml.PolicySticky}, []string{"ported_counter", "msgsocket"}, false, nil, ""},
		{"sticky unported", core.Config{Policy: eml.PolicySticky}, []string{"ported_counter", "legacy_counter", "legacy_pairs"}, true, []string{"legacy_counter"}, ""},
		{"free", core.Config{Policy: eml.PolicyFree}, []string{"legacy_counter"}, false, nil, ""},
		{"free strict", core.Config{Policy: eml.PolicyFree, Strict: true}, []string{"ported_counter", "legacy_counter"}, false, nil, "legacy_counter"},
		{"eml strict", core.Config{Policy: eml.PolicyEML, Strict: true}, []string{"legacy_counter"}, false, nil, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			w := newWorld(t, tc.cfg)
			for _, name := range tc.imports {
				m, err := w.main.Import(name)
				if name == tc.refused {
					typ, msg := excOf(w.main, err)
					if typ != "ImportError" || !strings.Contains(msg, "module '"+name+"' is not ported to free threading") {
						t.Errorf("import %s: got %s: %q; want an ImportError saying it is not ported", name, typ, msg)
					}
					continue
				}
				w.check(err)
				w.main.Decref(m)
			}
			s := w.rt.Lock().Stats()
			if s.GILEnabled != tc.gil {
				t.Errorf("GIL enabled = %v; want %v", s.GILEnabled, tc.gil)
			}
			out := w.stderr.String()
			var warned []string
			for _, line := range strings.Split(strings.TrimSpace(out), "\n") {
				if _, rest, ok := strings.Cut(line, "to load module '"); ok {
					name, _, _ := strings.Cut(rest, "'")
					warned = append(warned, name)
				}
			}
			if strings.Join(warned, ",") != strings.Join(tc.warned, ",") {
				t.Errorf("warned for %v; want %v; stderr %q", warned, tc.warned, out)
			}
			if tc.gil && s.GILReason != tc.warned[0] {
				t.Errorf("GILReason = %q; want %q", s.GILReason, tc.warned[0])
			}
		})
	}
}

// TestBadResults: an extension function that returns neither a result nor
// an exception raises SystemError at the boundary in CPython's words; one
// that returns both raises its exception (the result is dropped, not
// leaked); the program goes on.
func TestBadResults(t *testing.T) {
	src, err := os.ReadFile("testdata/bad_results.rwa")
	if err != nil {
		t.Fatal(err)
	}
	code, err := bytecode.Assemble("bad_results.rwa", src)
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range eml.Policies() {
		for _, ported := range []bool{true, false} {
			t.Run(fmt.Sprintf("%v/ported=%v", p, ported), func(t *testing.T) {
				var out strings.Builder
				rt, err := core.NewRuntime(core.Config{Policy: p, Stdout: &out, TrackObjects: true})
				if err != nil {
					t.Fatal(err)
				}
				err = extensions.Register(rt, extensions.Module{Name: "bad", Ported: ported, Funcs: map[string]extensions.Func{
					"nothing": func(th *core.Thread, args []core.Object, kw map[string]core.Object) (core.Object, error) {
						return nil, nil
					},
					"both": func(th *core.Thread, args []core.Object, kw map[string]core.Object) (core.Object, error) {
						return th.NewList(nil), th.Raise(th.RaiseType("ValueError"), "set too")
					},
				}})
				if err != nil {
					t.Fatal(err)
				}
				res, err := rt.Exec(code)
				if err != nil || res.Failed() {
					t.Fatalf("Exec: %v %+v", err, res)
				}
				want := "SystemError <built-in function nothing> returned NULL without setting an exception\n" +
					"ValueError set too\n" +
					"still running\n"
				if out.String() != want {
					t.Errorf("printed:\n%s\nwant:\n%s", out.String(), want)
				}
				if st := rt.Lock().Stats(); st.Attaches == 0 || (!ported && p != eml.PolicyGIL && p != eml.PolicyFree && st.Promotions == 0) {
					t.Errorf("lock stats %+v: the calls did not go through the boundary", st)
				}
				if err := rt.Close(); err != nil {
					t.Errorf("Close: %v", err)
				}
			})
		}
	}
}

// TestRegisterAfterClose: registering a module on a closed runtime says
// so with core.ErrRuntimeClosed.
func TestRegisterAfterClose(t *testing.T) {
	rt, err := core.NewRuntime(core.Config{})
	if err != nil {
		t.Fatal(err)
	}
	if err := rt.Close(); err != nil {
		t.Fatal(err)
	}
	err = extensions.Register(rt, extensions.Module{Name: "late", Funcs: map[string]extensions.Func{"f": noop}})
	if !errors.Is(err, core.ErrRuntimeClosed) {
		t.Errorf("Register after Close: %v; want core.ErrRuntimeClosed", err)
	}
	if err := extensions.RegisterBundled(rt); !errors.Is(err, core.ErrRuntimeClosed) {
		t.Errorf("RegisterBundled after Close: %v; want core.ErrRuntimeClosed", err)
	}
}
