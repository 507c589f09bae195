package bytecode

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestNullMarker: LOAD_METHOD's selfOrNull may be a null marker, which is
// no object; Validate (and so Assemble) rejects every use of it but the
// matching CALL_METHOD (issue 12, item 1). Each program of
// testdata/nullmarker is one misuse, except ok_*.rwa, which are valid.
func TestNullMarker(t *testing.T) {
	want := map[string]string{
		"load_attr.rwa":      `load_attr.rwa:5:5: code "<module>": instruction 2 (LOAD_ATTR 2): uses the selfOrNull of the LOAD_METHOD at instruction 1, which may be a null marker, not an object`,
		"copy.rwa":           `copy.rwa:5:5: code "<module>": instruction 2 (COPY 1): uses the selfOrNull of the LOAD_METHOD at instruction 1`,
		"store_name.rwa":     `store_name.rwa:5:5: code "<module>": instruction 2 (STORE_NAME 2): uses the selfOrNull`,
		"call.rwa":           `call.rwa:5:5: code "<module>": instruction 2 (CALL 1): uses the selfOrNull`,
		"return.rwa":         `return.rwa:5:5: code "<module>": instruction 2 (RETURN_VALUE): uses the selfOrNull`,
		"swap.rwa":           `swap.rwa:5:5: code "<module>": instruction 2 (SWAP 2): uses the selfOrNull`,
		"wrong_count.rwa":    `wrong_count.rwa:7:5: code "<module>": instruction 3 (CALL_METHOD 1): no LOAD_METHOD result below its 1 argument: expected LOAD_METHOD, then the arguments, then CALL_METHOD`,
		"no_load_method.rwa": `no_load_method.rwa:5:5: code "<module>": instruction 2 (CALL_METHOD 0): no LOAD_METHOD result below its 0 arguments`,
		"nested_arg.rwa":     `nested_arg.rwa:8:5: code "<module>": instruction 4 (POP_TOP): uses the selfOrNull of the LOAD_METHOD at instruction 3`,
		"paths_disagree.rwa": `paths_disagree.rwa:13:5: code "<module>": instruction 7 (CALL_METHOD 0):`,
		"ok_nested.rwa":      "",
	}
	files, err := filepath.Glob("testdata/nullmarker/*.rwa")
	if err != nil {
		t.Fatal(err)
	}
	if len(files) != len(want) {
		t.Errorf("%d programs in testdata/nullmarker, %d in the test", len(files), len(want))
	}
	for _, path := range files {
		name := filepath.Base(path)
		t.Run(name, func(t *testing.T) {
			src, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			w, ok := want[name]
			if !ok {
				t.Fatalf("%s is not in the test's table", name)
			}
			_, err = Assemble(name, src)
			switch {
			case w == "" && err != nil:
				t.Fatalf("a valid program is rejected: %v", err)
			case w != "" && (err == nil || !strings.HasPrefix(err.Error(), w)):
				t.Fatalf("\nexpected %s\n     got %v", w, err)
			}
		})
	}
}

// TestNullMarkerValidate: the reproduction, built by hand and not
// through the assembler, is rejected by Validate itself.
func TestNullMarkerValidate(t *testing.T) {
	c := &Code{
		Name: "<module>", Filename: "by-hand",
		Names: []string{"thread", "join", "x"},
		Instrs: []Instr{
			{Op: ImportName, Arg: 0, Line: 1}, {Op: LoadMethod, Arg: 1, Line: 1},
			{Op: LoadAttr, Arg: 2, Line: 1}, {Op: ReturnValue, Line: 1},
		},
		StackSize: 2,
	}
	err := c.Validate()
	var ce *CodeError
	if !errors.As(err, &ce) || ce.Index != 2 || !strings.Contains(ce.Msg, "null marker") {
		t.Fatalf("Validate = %v; want a CodeError at instruction 2 about the null marker", err)
	}
}
