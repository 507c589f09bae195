package bytecode

import (
	"bytes"
	"errors"
	"math/rand/v2"
	"runtime"
	"strings"
	"testing"
)

// allocPerInputByte bounds what the assembler may allocate per byte of
// hostile input. The largest case, a 3 MB tuple of a million ints,
// allocates about 28 bytes a byte.
const allocPerInputByte = 64

// TestAssembleHostileInput: large and malformed inputs fail with a
// positioned *SyntaxError, allocate in proportion to their size,
// and never panic.
func TestAssembleHostileInput(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	junk := make([]byte, 10<<20)
	for i := range junk {
		junk[i] = byte(rng.UintN(256))
	}
	manyLines := strings.Repeat("    LOAD_CONST 1\n    POP_TOP\n", 20000)
	tests := []struct {
		name string
		src  string
		want string
	}{
		{"10 MB of random bytes", string(junk), "t.rwa:1:"},
		{"10 MB of printable junk", strings.Repeat("hello world (1, 2 ", 600000), `t.rwa:1:1: expected 'module' or 'func' to start a block, got "hello"`},
		{"a 1 MB word", "module\n    " + strings.Repeat("A", 1<<20) + "\nend\n", `t.rwa:2:5: expected an opcode, got "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"...`},
		{"a 1 MB string without its end", "module\n    LOAD_CONST \"" + strings.Repeat("\\x41", 1<<18), `t.rwa:2:16: unterminated string`},
		{"a 1 MB escape-heavy string", "module\n    LOAD_CONST \"" + strings.Repeat("\\u00e9", 1<<18) + "\"\n    RETURN_VALUE\n", `t.rwa:1:1: expected 'end' to close the module block`},
		{"100000 open parentheses", "module\n    LOAD_CONST " + strings.Repeat("(", 100000) + "\nend\n", `t.rwa:2:116: expected tuples nested at most 100 deep`},
		{"a 3 MB line of commas", "module\n    LOAD_CONST (1" + strings.Repeat(", 1", 1<<20) + "\nend\n", `t.rwa:2:3145746: expected ')' to close the tuple opened at column 16, got end of line`},
		{"40000 instructions, one bad", "module\n" + manyLines + "    BOGUS\nend\n", `t.rwa:40002:5: expected an opcode, got "BOGUS"`},
		{"40000 instructions falling off the end", "module\n" + manyLines + "end\n", `t.rwa:40001:5: code "<module>": instruction 39999 (POP_TOP): falls off the end`},
		{"a 1 MB number", "module\n    LOAD_CONST " + strings.Repeat("9", 1<<20) + "\nend\n", `t.rwa:2:16: expected an integer of at most 32768 bits, got a literal of 1048576 digits`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			src := []byte(tc.src)
			var before, after runtime.MemStats
			runtime.ReadMemStats(&before)
			_, err := Assemble("t.rwa", src)
			runtime.ReadMemStats(&after)
			var se *SyntaxError
			if !errors.As(err, &se) {
				t.Fatalf("expected a *SyntaxError, got %v", err)
			}
			if !strings.HasPrefix(err.Error(), tc.want) {
				t.Fatalf("\nexpected %.200s\n     got %.200s", tc.want, err)
			}
			if len(err.Error()) > 400 {
				t.Fatalf("expected a short message, got %d bytes", len(err.Error()))
			}
			// Linear work, measured without a clock: an assembler that
			// copies the rest of the line per token, or keeps every
			// prefix of a long literal, allocates a multiple of the
			// input's square, not of its size.
			if n, limit := after.TotalAlloc-before.TotalAlloc, uint64(allocPerInputByte*len(src)+1<<20); n > limit {
				t.Fatalf("allocated %d bytes for %d bytes of input, expected at most %d", n, len(src), limit)
			}
			t.Logf("allocated %d bytes for %d bytes of input", after.TotalAlloc-before.TotalAlloc, len(src))
		})
	}
}

// TestAssembleLargeValid: a large valid module assembles and round-trips.
func TestAssembleLargeValid(t *testing.T) {
	var b bytes.Buffer
	b.WriteString("module\n")
	for i := range 5000 {
		b.WriteString("    LOAD_CONST ")
		b.WriteString(strings.Repeat("(", i%50) + "1" + strings.Repeat(",)", i%50))
		b.WriteString("\n    STORE_NAME x\n")
	}
	b.WriteString("    RETURN_CONST None\nend\n")
	c, err := Assemble("t.rwa", b.Bytes())
	if err != nil {
		t.Fatal(err)
	}
	if len(c.Instrs) != 10001 || len(c.Consts) != 51 {
		t.Fatalf("expected 10001 instructions and 51 constants, got %d and %d", len(c.Instrs), len(c.Consts))
	}
	back, err := Assemble("t.rwa", []byte(Disassemble(c)))
	if err != nil {
		t.Fatal(err)
	}
	if d := diffCode(c, back); d != "" {
		t.Fatal(d)
	}
}
