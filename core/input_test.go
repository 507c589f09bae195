package core

import (
	"bytes"
	"strings"
	"testing"
)

// TestInput: input() reads Config.Stdin a line at a time, as CPython's
// does when stdin is not a terminal; each case gives what CPython 3.12
// answers to `printf STDIN | python3.12 -c 'print(repr(input()))' ...`
// for the calls listed, in order.
func TestInput(t *testing.T) {
	cases := []struct {
		name, stdin string
		exprs       []string
		want        []string
		stdout      string
	}{
		{"at EOF", "", []string{"input()"}, []string{"!EOFError: EOF when reading a line"}, ""},
		{"lines", "a\nbc\n", []string{"input()", "input()", "input()"}, []string{"'a'", "'bc'", "!EOFError: EOF when reading a line"}, ""},
		{"a last line without newline", "x\ny", []string{"input()", "input()", "input()"}, []string{"'x'", "'y'", "!EOFError: EOF when reading a line"}, ""},
		{"an empty line is not EOF", "\n", []string{"input()", "input()"}, []string{"''", "!EOFError: EOF when reading a line"}, ""},
		{"a prompt", "bob\n", []string{"input('name? ')"}, []string{"'bob'"}, "name? "},
		{"a prompt not a str", "1\n", []string{"input(42)"}, []string{"'1'"}, "42"},
		{"keeps a carriage return", "a\r\nb\rc\n", []string{"input()", "input()"}, []string{"'a\\r'", "'b\\rc'"}, ""},
		{"UTF-8", "café\n", []string{"input()"}, []string{"'café'"}, ""},
		{"not UTF-8", "caf\xc3\n", []string{"input()"}, []string{"!UnicodeDecodeError: 'utf-8' codec can't decode byte 0xc3 in position 3: invalid continuation byte"}, ""},
		{"two arguments", "", []string{"input(1, 2)"}, []string{"!TypeError: input expected at most 1 argument, got 2"}, ""},
		{"a keyword", "", []string{"input(prompt='x')"}, []string{"!TypeError: input() takes no keyword arguments"}, ""},
		{"a long line", strings.Repeat("ab", 3<<20) + "\nz\n", []string{"len(input())", "input()"}, []string{"6291456", "'z'"}, ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			var out bytes.Buffer
			_, th := testRuntime(t, Config{Stdin: strings.NewReader(c.stdin), Stdout: &out})
			ev := &pyEvaluator{th: th}
			for i, e := range c.exprs {
				got, err := ev.run(e)
				if err != nil {
					t.Fatalf("%s: %v", e, err)
				}
				if got != c.want[i] {
					t.Errorf("%s (call %d)\n  want:  %s\n  rwgil: %s", e, i+1, c.want[i], got)
				}
			}
			if out.String() != c.stdout {
				t.Errorf("stdout %q, want %q", &out, c.stdout)
			}
		})
	}
}

// TestInputOverBudget: a line longer than the memory budget allows is a
// MemoryError, and the rest of it is skipped: the next call reads the
// next line.
func TestInputOverBudget(t *testing.T) {
	stdin := strings.Repeat("x", 40<<20) + "\nnext\n"
	_, th := testRuntime(t, Config{Stdin: strings.NewReader(stdin), MaxMemory: 16 << 20})
	ev := &pyEvaluator{th: th}
	got, err := ev.run("input()")
	if err != nil {
		t.Fatal(err)
	}
	if want := "!MemoryError: an allocation would take the runtime past its memory budget of 16.0 MiB"; !strings.HasPrefix(got, want) {
		t.Fatalf("want %s..., got %.200s", want, got)
	}
	if got, _ := ev.run("input()"); got != "'next'" {
		t.Errorf("after the MemoryError: want 'next', got %.200s", got)
	}
}
