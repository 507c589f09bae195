package extensions_test

import (
	"fmt"
	"os"
	"sync/atomic"

	"github.com/rwgil/rwgil/core"
	"github.com/rwgil/rwgil/core/bytecode"
	"github.com/rwgil/rwgil/eml"
	"github.com/rwgil/rwgil/extensions"
)

// An extension module written for the GIL: its function reads module
// state, works, and writes it back, trusting that nothing else runs
// meanwhile. Registered unported, every call promotes the calling thread
// for the call (under eml, a stop-the-world), and the stats say which
// module forced each promotion.
func ExampleRegister() {
	var hits atomic.Int64
	legacy := extensions.Module{
		Name: "hits",
		Doc:  "hits: count calls the way a C extension would (not ported).",
		Funcs: map[string]extensions.Func{
			"hit": func(th *core.Thread, args []core.Object, kw map[string]core.Object) (core.Object, error) {
				if err := th.CheckArgs("hit", args, kw, 0, 0); err != nil {
					return nil, err
				}
				n := hits.Load() // read, yield, write: atomic only under the lock
				th.Yield()
				hits.Store(n + 1)
				return th.NewInt(n + 1), nil
			},
		},
	}
	code, err := bytecode.Assemble("hits.rwa", []byte(`
module
    IMPORT_NAME hits
    STORE_NAME hits
    LOAD_NAME hits
    LOAD_METHOD hit
    CALL_METHOD 0
    POP_TOP
    LOAD_NAME print
    LOAD_NAME hits
    LOAD_METHOD hit
    CALL_METHOD 0
    CALL 1
    POP_TOP
    RETURN_CONST None
end
`))
	if err != nil {
		fmt.Println(err)
		return
	}
	rt, _ := core.NewRuntime(core.Config{Policy: eml.PolicyEML, Stdout: os.Stdout})
	if err := extensions.Register(rt, legacy); err != nil {
		fmt.Println(err)
		return
	}
	res, err := rt.Exec(code)
	switch {
	case err != nil:
		fmt.Println(err)
	case res.Exception != "":
		fmt.Print(res.Exception)
	}
	fmt.Println("promotions by module:", rt.Lock().Stats().PromotionsBy)
	fmt.Println("close:", rt.Close())
	// Output:
	// 2
	// promotions by module: map[hits:2]
	// close: <nil>
}

// The bundled modules each tell one story; legacy_counter's is that an
// unported module's slow read-modify-write stays exact under eml, with
// the core running free around it. Under the free policy the same
// program loses updates (try: rwgil run -policy free
// docs/examples/extensions/legacy_counter.rwa).
func ExampleRegisterBundled() {
	src, err := os.ReadFile("../docs/examples/extensions/legacy_counter.rwa")
	if err != nil {
		fmt.Println(err)
		return
	}
	code, err := bytecode.Assemble("legacy_counter.rwa", src)
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, p := range []eml.Policy{eml.PolicyEML, eml.PolicyGIL} {
		rt, _ := core.NewRuntime(core.Config{Policy: p, Stdout: os.Stdout})
		if err := extensions.RegisterBundled(rt); err != nil {
			fmt.Println(err)
			return
		}
		fmt.Printf("%v: ", p)
		res, err := rt.Exec(code)
		switch {
		case err != nil:
			fmt.Println(err)
		case res.Exception != "":
			fmt.Print(res.Exception)
		}
		_ = rt.Close()
	}
	// Output:
	// eml: value = 2000 of 2000 lost: 0
	// gil: value = 2000 of 2000 lost: 0
}
