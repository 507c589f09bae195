package bytecode

import (
	"testing"

	"pgregory.net/rapid"
)

// TestRoundTrip: assembling the disassembly of a valid code object gives
// back an equal code object, nested code objects included, and the text
// form is a fixed point: disassembling that again gives the same text.
func TestRoundTrip(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		c := genCodeObject(t)
		text := Disassemble(c)
		back, err := Assemble(c.Filename, []byte(text))
		if err != nil {
			t.Fatalf("Assemble(Disassemble(c)): %v\n%s", err, numbered(text))
		}
		if d := diffCode(c, back); d != "" {
			t.Fatalf("round trip changed the code object: %s\n%s", d, numbered(text))
		}
		if again := Disassemble(back); again != text {
			t.Fatalf("text round trip differs:\nexpected:\n%s\ngot:\n%s", text, again)
		}
	})
}

// TestGeneratorCoverage checks that the generator behind TestRoundTrip
// reaches every opcode and every constant kind, so the round trip covers
// them all.
func TestGeneratorCoverage(t *testing.T) {
	ops := make(map[Op]bool)
	kinds := make(map[string]bool)
	var walk func(c *Code, seen map[*Code]bool)
	walk = func(c *Code, seen map[*Code]bool) {
		if seen[c] {
			return
		}
		seen[c] = true
		for _, in := range c.Instrs {
			ops[in.Op] = true
		}
		var visit func(k Const)
		visit = func(k Const) {
			kinds[constKind(k)] = true
			switch x := k.(type) {
			case Tuple:
				for _, item := range x {
					visit(item)
				}
			case *Code:
				walk(x, seen)
			}
		}
		for _, k := range c.Consts {
			visit(k)
		}
	}
	rapid.Check(t, func(t *rapid.T) {
		walk(genCodeObject(t), make(map[*Code]bool))
	})
	for op := Op(0); op < NumOps; op++ {
		if !ops[op] {
			t.Errorf("the generator never emitted %s", op)
		}
	}
	for _, k := range []string{"None", "bool", "int", "big int", "float", "str", "tuple", "code"} {
		if !kinds[k] {
			t.Errorf("the generator never made a %s constant", k)
		}
	}
}

// TestClone: a clone is equal to the original in every field, nested code
// objects included, and shares nothing that could be written: changing
// the clone's instructions, tables and constants leaves the original as
// it was.
func TestClone(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		c := genCodeObject(t)
		before := Disassemble(c)
		d := c.Clone()
		if s := diffCode(c, d); s != "" {
			t.Fatalf("clone differs: %s", s)
		}
		var scribble func(x *Code, seen map[*Code]bool)
		scribble = func(x *Code, seen map[*Code]bool) {
			if seen[x] {
				return
			}
			seen[x] = true
			for i := range x.Instrs {
				x.Instrs[i].Arg += 1000
			}
			for i := range x.Names {
				x.Names[i] += "!"
			}
			for i := range x.Locals {
				x.Locals[i] += "!"
			}
			for i := range x.Positions {
				x.Positions[i].Col++
			}
			for i, k := range x.Consts {
				switch v := k.(type) {
				case Tuple:
					for j := range v {
						v[j] = "scribbled"
					}
				case *Code:
					scribble(v, seen)
				default:
					x.Consts[i] = "scribbled"
				}
			}
		}
		scribble(d, map[*Code]bool{})
		if after := Disassemble(c); after != before {
			t.Fatalf("changing the clone changed the original:\nbefore:\n%s\nafter:\n%s", before, after)
		}
	})
}
