package bytecode

import (
	"fmt"
	"slices"
)

// Builder constructs a canonical code object from Go, one instruction at a
// time: it interns names and constants in order of first use, declares
// locals as they are first mentioned, and resolves labels. Misuse (an
// operand of the wrong kind, a label bound twice or never) is recorded and
// returned by Build, so a sequence of calls needs no error checks.
//
//	b := bytecode.NewBuilder("<module>", "demo.rwa")
//	b.EmitName(bytecode.LoadName, "print")
//	b.EmitConst(bytecode.LoadConst, "hi")
//	b.Emit(bytecode.Call, 1)
//	b.Emit(bytecode.PopTop, 0)
//	b.EmitConst(bytecode.ReturnConst, nil)
//	code, err := b.Build()
type Builder struct {
	code      *Code
	locals    map[string]int32
	names     map[string]int32
	consts    constTable
	labels    []int32 // label -> bound instruction index, or -1
	fixups    []fixup
	cellUses  []cellUse
	line      int32
	pos       Position
	positions []Position // one per instruction
	anyPos    bool       // some instruction has a known position
	err       error
}

// cellUse is an instruction whose cell operand is resolved by Build, once
// every cell and free variable is known.
type cellUse struct {
	instr int
	name  string
}

// Label names a position in a Builder's instruction list; it is created by
// NewLabel, placed by Bind and used by EmitJump.
type Label int

type fixup struct {
	instr int
	label Label
}

// NewBuilder starts a code object with the given name and file name.
func NewBuilder(name, filename string) *Builder {
	return newBuilder(&Code{Name: name, Filename: filename})
}

func newBuilder(c *Code) *Builder {
	return &Builder{code: c, locals: make(map[string]int32), names: make(map[string]int32)}
}

func (b *Builder) fail(format string, args ...any) {
	if b.err == nil {
		b.err = fmt.Errorf("bytecode.Builder %s: "+format, append([]any{quoteShort(b.code.Name)}, args...)...)
	}
}

// SetFirstLine sets the code object's FirstLine.
func (b *Builder) SetFirstLine(line int32) { b.code.FirstLine = line }

// SetLine sets the Line of the instructions emitted from now on, with
// no known position inside it.
func (b *Builder) SetLine(line int32) { b.line, b.pos = line, Position{} }

// SetPosition sets the source span of the instructions emitted from now
// on, and their Line to p.Line; a zero Position is unknown (the Line is
// kept). Code.Positions is filled only when some instruction has a known
// position.
func (b *Builder) SetPosition(p Position) {
	b.pos = p
	if p != (Position{}) {
		b.line = p.Line
	}
}

// SetDoc sets the code object's Doc (a function's docstring).
func (b *Builder) SetDoc(doc string) { b.code.Doc = doc }

// SetQualName sets the code object's QualName ("f.<locals>.g").
func (b *Builder) SetQualName(name string) { b.code.QualName = name }

// SetGenerator marks the code object as a generator's body (or not).
func (b *Builder) SetGenerator(gen bool) { b.code.Generator = gen }

// SetPosOnly says that the first n positional parameters are
// positional-only.
func (b *Builder) SetPosOnly(n int) {
	if n < 0 || n > len(b.code.Params) {
		b.fail("SetPosOnly(%d) with %d parameters", n, len(b.code.Params))
		return
	}
	b.code.PosOnly = int32(n)
}

// SetKwOnly declares the keyword-only parameters, which become the locals
// after the positional ones. It must follow SetParams (if any) before any
// other local is declared.
func (b *Builder) SetKwOnly(names ...string) {
	if len(b.code.Locals) != len(b.code.Params) || len(b.code.KwOnly) > 0 {
		b.fail("SetKwOnly after locals other than the parameters were declared")
		return
	}
	b.code.KwOnly = append([]string(nil), names...)
	for _, n := range names {
		b.AddLocal(n)
	}
}

// SetVarKeywords declares the **kwargs parameter, which becomes the local
// after the keyword-only ones. It must follow SetParams and SetKwOnly (if
// any) before any other local is declared.
func (b *Builder) SetVarKeywords(name string) {
	if len(b.code.Locals) != len(b.code.Params)+len(b.code.KwOnly) || b.code.VarKeywords {
		b.fail("SetVarKeywords after locals other than the parameters were declared")
		return
	}
	b.code.VarKeywords = true
	b.AddLocal(name)
}

// AddCell declares a cell variable (Code.Cells) if it is new.
func (b *Builder) AddCell(name string) {
	if !slices.Contains(b.code.Cells, name) {
		b.code.Cells = append(b.code.Cells, name)
	}
}

// AddFree declares a free variable (Code.Free) if it is new.
func (b *Builder) AddFree(name string) {
	if !slices.Contains(b.code.Free, name) {
		b.code.Free = append(b.code.Free, name)
	}
}

// SetParams declares the positional parameters, which become the first
// locals; varArgs makes the last one collect extra arguments. It must be
// called before any other local is declared.
func (b *Builder) SetParams(varArgs bool, params ...string) {
	if len(b.code.Locals) > 0 {
		b.fail("SetParams after locals were declared")
		return
	}
	b.code.Params = append([]string(nil), params...)
	b.code.VarArgs = varArgs
	for _, p := range params {
		b.AddLocal(p)
	}
}

// AddLocal declares a local (if it is new) and returns its index.
func (b *Builder) AddLocal(name string) int32 {
	if i, ok := b.locals[name]; ok {
		return i
	}
	i := int32(len(b.code.Locals))
	b.locals[name] = i
	b.code.Locals = append(b.code.Locals, name)
	return i
}

// Emit appends an instruction with a raw operand (a count, a flag, a
// BinOp or CmpOp value, or 0 for none) and returns its index. Use the
// other Emit methods for operands that index a table or name a label.
func (b *Builder) Emit(op Op, arg int32) int {
	switch op.Info().Operand {
	case OperandConst, OperandLocal, OperandName, OperandJump, OperandCell:
		b.fail("Emit(%s): use the Emit method for %s operands", op, op.Info().Operand)
	}
	return b.emit(op, arg)
}

func (b *Builder) emit(op Op, arg int32) int {
	b.code.Instrs = append(b.code.Instrs, Instr{Op: op, Arg: arg, Line: b.line})
	b.positions = append(b.positions, b.pos)
	if b.pos != (Position{}) {
		b.anyPos = true
	}
	return len(b.code.Instrs) - 1
}

// EmitCell appends an instruction whose operand is a cell or free
// variable (LOAD_DEREF, STORE_DEREF, DELETE_DEREF, LOAD_CLOSURE,
// LOAD_CLASSDEREF), named; Build resolves the name against the cells
// (AddCell) and then the free variables (AddFree), which may be declared
// before or after.
func (b *Builder) EmitCell(op Op, name string) int {
	if op.Info().Operand != OperandCell {
		b.fail("EmitCell(%s): not a cell operand", op)
	}
	i := b.emit(op, 0)
	b.cellUses = append(b.cellUses, cellUse{instr: i, name: name})
	return i
}

// EmitConst appends an instruction whose operand is a constant (LOAD_CONST,
// RETURN_CONST, KW_NAMES), interning the constant.
func (b *Builder) EmitConst(op Op, c Const) int {
	if op.Info().Operand != OperandConst {
		b.fail("EmitConst(%s): not a const operand", op)
	}
	if msg := constError(c, 0); msg != "" {
		b.fail("EmitConst(%s): %s", op, msg)
		return b.emit(op, 0)
	}
	return b.emit(op, b.consts.intern(c))
}

// EmitName appends an instruction whose operand is a name (LOAD_GLOBAL,
// LOAD_ATTR, IMPORT_NAME, ...), interning the name.
func (b *Builder) EmitName(op Op, name string) int {
	if op.Info().Operand != OperandName {
		b.fail("EmitName(%s): not a name operand", op)
	}
	i, ok := b.names[name]
	if !ok {
		i = int32(len(b.code.Names))
		b.names[name] = i
		b.code.Names = append(b.code.Names, name)
	}
	return b.emit(op, i)
}

// EmitLocal appends an instruction whose operand is a local (LOAD_FAST,
// STORE_FAST, DELETE_FAST), declaring the local if it is new.
func (b *Builder) EmitLocal(op Op, name string) int {
	if op.Info().Operand != OperandLocal {
		b.fail("EmitLocal(%s): not a local operand", op)
	}
	return b.emit(op, b.AddLocal(name))
}

// NewLabel returns a fresh, unbound label.
func (b *Builder) NewLabel() Label {
	b.labels = append(b.labels, -1)
	return Label(len(b.labels) - 1)
}

// Bind places l at the next instruction to be emitted.
func (b *Builder) Bind(l Label) {
	if l < 0 || int(l) >= len(b.labels) {
		b.fail("Bind: unknown label %d", l)
		return
	}
	if b.labels[l] >= 0 {
		b.fail("Bind: label %d bound twice", l)
		return
	}
	b.labels[l] = int32(len(b.code.Instrs))
}

// EmitJump appends an instruction whose operand is a label (a jump,
// FOR_ITER, SETUP_EXCEPT); the label may be bound before or after.
func (b *Builder) EmitJump(op Op, l Label) int {
	if op.Info().Operand != OperandJump {
		b.fail("EmitJump(%s): not a jump operand", op)
	}
	i := b.emit(op, 0)
	b.fixups = append(b.fixups, fixup{instr: i, label: l})
	return i
}

// finish resolves labels and fills in the tables without validating.
func (b *Builder) finish() (*Code, error) {
	for _, f := range b.fixups {
		if f.label < 0 || int(f.label) >= len(b.labels) {
			b.fail("EmitJump: unknown label %d", f.label)
			continue
		}
		t := b.labels[f.label]
		if t < 0 {
			b.fail("label %d used by instruction %d is never bound", f.label, f.instr)
			continue
		}
		b.code.Instrs[f.instr].Arg = t
	}
	for _, u := range b.cellUses {
		i := slices.Index(b.code.Cells, u.name)
		if i < 0 {
			if j := slices.Index(b.code.Free, u.name); j >= 0 {
				i = len(b.code.Cells) + j
			}
		}
		if i < 0 {
			b.fail("EmitCell(%s): %s is neither a cell nor a free variable: expected AddCell or AddFree", b.code.Instrs[u.instr].Op, quoteShort(u.name))
			continue
		}
		b.code.Instrs[u.instr].Arg = int32(i)
	}
	b.code.Consts = b.consts.list
	if b.anyPos {
		b.code.Positions = b.positions
	}
	return b.code, b.err
}

// Build resolves the labels and cell operands, computes the stack sizes
// and validates the code object (see SetSizes and Validate) and returns
// it. The code object is immutable from then on, and the Builder must not
// be used afterwards.
func (b *Builder) Build() (*Code, error) {
	c, err := b.finish()
	if err != nil {
		return nil, err
	}
	if err := c.SetSizes(); err != nil {
		return nil, err
	}
	return c, nil
}
