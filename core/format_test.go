package core

import (
	"bufio"
	"math/big"
	"os"
	"strconv"
	"strings"
	"testing"
)

// TestFormatCPython checks Thread.Format against CPython's format(value,
// spec) for the cases of testdata/format/cases.txt (gen.py there
// regenerates them): ints, bools, floats and strs under curated and
// random format specs, results and error messages alike.
func TestFormatCPython(t *testing.T) {
	_, th := testRuntime(t, Config{})
	f, err := os.Open("testdata/format/cases.txt")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	n, failed := 0, 0
	for line := 1; sc.Scan(); line++ {
		text := sc.Text()
		if text == "" || strings.HasPrefix(text, "#") {
			continue
		}
		fields := strings.Split(text, "\t")
		if len(fields) != 4 {
			t.Fatalf("cases.txt:%d: want 4 fields: %q", line, text)
		}
		for i := range fields {
			if fields[i], err = pyUnescapeField(fields[i]); err != nil {
				t.Fatalf("cases.txt:%d: %v", line, err)
			}
		}
		kind, value, spec, want := fields[0], fields[1], fields[2], fields[3]
		v := formatTestValue(t, th, kind, value)
		got := formatResult(th, v, spec)
		th.Decref(v)
		n++
		if got != want {
			failed++
			if failed <= 40 {
				t.Errorf("cases.txt:%d: format(%s %s, %q)\n  CPython: %q\n  rwgil:   %q", line, kind, value, spec, want, got)
			}
		}
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	if failed > 0 {
		t.Errorf("%d of %d cases differ", failed, n)
	}
}

// formatTestValue makes the object a case formats: a new reference.
func formatTestValue(t testing.TB, th *Thread, kind, value string) Object {
	t.Helper()
	switch kind {
	case "int":
		b, ok := new(big.Int).SetString(value, 10)
		if !ok {
			t.Fatalf("bad int %q", value)
		}
		return th.NewBigInt(b)
	case "bool":
		return th.rt.Bool(value == "1")
	case "float":
		x, err := strconv.ParseFloat(value, 64)
		if err != nil {
			t.Fatalf("bad float %q: %v", value, err)
		}
		return th.NewFloat(x)
	case "str":
		return th.NewStr(value)
	}
	t.Fatalf("bad kind %q", kind)
	return nil
}

// formatResult is format(v, spec) as cases.txt writes it: the string, or
// "!Type: message".
func formatResult(th *Thread, v Object, spec string) string {
	r, err := th.Format(v, spec)
	if err != nil {
		e := err.(*Exception)
		s := "!" + e.TypeName()
		if m := e.Message(); m != "" {
			s += ": " + m
		}
		th.Discard(err)
		return s
	}
	s := r.(*Str).s
	th.Decref(r)
	return s
}
