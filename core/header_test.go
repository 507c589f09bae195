package core

import (
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestHeaderFirst checks what headerOf relies on: every struct in core
// that embeds a Header, or embeds a struct that does (an object struct),
// has it as its first field, so that a pointer to the struct is a pointer
// to its Header.
func TestHeaderFirst(t *testing.T) {
	files, err := filepath.Glob("*.go")
	if err != nil {
		t.Fatal(err)
	}
	fset := token.NewFileSet()
	structs := map[string]*ast.StructType{}
	for _, f := range files {
		if strings.HasSuffix(f, "_test.go") {
			continue
		}
		src, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		file, err := parser.ParseFile(fset, f, src, 0)
		if err != nil {
			t.Fatal(err)
		}
		ast.Inspect(file, func(n ast.Node) bool {
			if ts, ok := n.(*ast.TypeSpec); ok {
				if st, ok := ts.Type.(*ast.StructType); ok {
					structs[ts.Name.Name] = st
				}
			}
			return true
		})
	}
	embedded := func(f *ast.Field) string {
		if len(f.Names) != 0 {
			return ""
		}
		if id, ok := f.Type.(*ast.Ident); ok {
			return id.Name
		}
		return ""
	}
	// object[name] is whether the struct is an object struct.
	object := map[string]bool{"Header": true}
	for changed := true; changed; {
		changed = false
		for name, st := range structs {
			if object[name] || len(st.Fields.List) == 0 {
				continue
			}
			if object[embedded(st.Fields.List[0])] {
				object[name], changed = true, true
			}
		}
	}
	n := 0
	for name, st := range structs {
		for i, f := range st.Fields.List {
			if e := embedded(f); object[e] && i > 0 {
				t.Errorf("struct %s embeds %s as field %d, not first: headerOf would not find its Header", name, e, i)
			}
		}
		if object[name] {
			n++
		}
	}
	if n < 30 {
		t.Errorf("found %d object structs, want at least 30: the check is not looking where the objects are", n)
	}
}

// TestHeaderOf checks headerOf against the header method on objects of
// many types, built-in and user-defined.
func TestHeaderOf(t *testing.T) {
	_, th := testRuntime(t, Config{})
	objs := []Object{th.NewInt(1 << 40), th.NewFloat(1.5), th.NewStr("x"), th.NewList(nil), th.NewDict(), th.NewSet(),
		th.NewTuple([]Object{th.NewInt(1)}), th.rt.None, th.rt.types.int_, th.NewException(th.rt.types.exc.ValueError, "v")}
	for _, o := range objs {
		if headerOf(o) != o.header() {
			t.Errorf("%s: headerOf is %p, header() %p", o.Type().name, headerOf(o), o.header())
		}
		th.Decref(o)
	}
}
