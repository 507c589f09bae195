package bytecode

import (
	"fmt"
	"strconv"
)

// CodeError reports why a code object is invalid. Code is the code object
// at fault, which may be nested inside the one Validate was called on.
type CodeError struct {
	// Code is the invalid code object.
	Code *Code
	// Index is the offending instruction's index in Code.Instrs, or -1 when
	// the fault is not in one instruction (a table, the parameters).
	Index int
	// Msg says what is wrong and what was expected.
	Msg string
}

// Error formats the error as
//
//	code "worker": instruction 3 (LOAD_FAST 7): local index 7 out of range: expected 0 to 2
func (e *CodeError) Error() string {
	name := "<nil>"
	if e.Code != nil {
		name = e.Code.Name
	}
	if e.Index >= 0 && e.Code != nil && e.Index < len(e.Code.Instrs) {
		return fmt.Sprintf("code %s: instruction %d (%s): %s", quoteShort(name), e.Index, briefInstr(e.Code.Instrs[e.Index]), e.Msg)
	}
	return fmt.Sprintf("code %s: %s", quoteShort(name), e.Msg)
}

// briefInstr formats an instruction with its raw operand ("LOAD_FAST 7").
func briefInstr(in Instr) string {
	if in.Op.Valid() && in.Op.Info().Operand == OperandNone && in.Arg == 0 {
		return in.Op.String()
	}
	return in.Op.String() + " " + strconv.Itoa(int(in.Arg))
}

// Validate checks that c is a well-formed, canonical code object, and
// every code object nested in its constants too. It only reads: a code
// object is immutable once built, so any number of goroutines (and
// runtimes) may validate and run one code object at once. It returns a
// *CodeError naming the first problem it finds. The rules, in the order
// they are checked:
//
//   - Locals starts with Params, then KwOnly, then the **kwargs local
//     when VarKeywords; locals and names are unique; VarArgs needs a
//     parameter; PosOnly counts positional parameters only (not *rest).
//   - Cells and Free are unique and disjoint; a cell is named like no
//     local but a parameter (whose argument it starts with), a free
//     variable like no local at all.
//   - Positions is empty or has one entry per instruction; each is zero
//     (unknown) or starts on its instruction's Line and ends after it
//     starts.
//   - Every constant is of a constant kind (see Const), big ints do not fit
//     int64, tuples nest at most MaxNesting deep; constants are unique.
//   - Every opcode is defined and every operand is legal for its kind:
//     indexes in range (a cell operand indexes Cells, then Free), counts
//     and flags within OpInfo.MinArg..MaxArg, binop and cmpop values
//     defined, no operand on an opcode that takes none. YIELD_VALUE and
//     YIELD_FROM appear only in Generator code; MAKE_CELL names a cell,
//     not a free variable.
//   - Jump targets are instructions. JUMP_BACKWARD goes backward (or to
//     itself); every other jump, and every SETUP_EXCEPT handler, goes
//     forward. So every loop passes through a JUMP_BACKWARD, which is a
//     safe point: no loop can keep a thread from a stop-the-world.
//   - Names and Consts are canonical: the instructions first use entry 0,
//     then entry 1, and so on, and use every entry.
//   - KW_NAMES loads a tuple of distinct strings, is followed by CALL or
//     CALL_METHOD with at least that many arguments, and that call is not
//     a jump target. MAKE_FUNCTION directly follows a LOAD_CONST of a code
//     object and is not a jump target, so its code operand is known; its
//     closure flag is set exactly when that code has free variables.
//   - An abstract interpretation from instruction 0 along every path finds
//     the operand-stack depth, the stack of open SETUP_EXCEPT blocks and the
//     number of exceptions being handled at each reachable instruction: no
//     instruction pops more than the stack holds, or below the depth at
//     which the innermost open block was set up (an exception cuts the
//     stack back to that depth); every path into an instruction agrees on
//     all three; no path falls off the end; POP_BLOCK needs an open block;
//     POP_EXCEPT needs an exception being handled, entered inside the
//     innermost open block; the depth stays within MaxStackSize. The
//     selfOrNull a LOAD_METHOD pushes may be a null marker, which is no
//     object: no instruction but the matching CALL_METHOD (the one that
//     finds it n+1 items down, with n arguments above it) may pop, copy,
//     swap or pass it, and every path into an instruction agrees on where
//     such slots are. Returns
//     and raises are allowed at any depth and inside blocks: the
//     interpreter discards what is left. Unreachable instructions are
//     allowed (their operands are still checked). StackSize and BlockSize
//     are the largest depth and block nesting found (Assemble, Builder and
//     SetSizes compute them).
//   - Nested code objects are valid, nest at most MaxNesting deep, and no
//     code object contains itself, directly or through others.
func (c *Code) Validate() error {
	v := validator{state: make(map[*Code]uint8)}
	return v.code(c, 0)
}

// SetSizes computes StackSize and BlockSize of c and of every code object
// nested in it, and then validates c as Validate does. Assemble and
// Builder.Build call it; code objects made by hand need it once, before
// they are shared: it writes a code object's sizes only where they differ
// from the computed ones, so it never writes one that is already sized
// (another goroutine may be running it).
func (c *Code) SetSizes() error {
	v := validator{state: make(map[*Code]uint8), fill: true}
	return v.code(c, 0)
}

type validator struct {
	state map[*Code]uint8 // 1: being validated (on the path), 2: valid
	fill  bool            // SetSizes: write the sizes found
}

func (v *validator) code(c *Code, depth int) error {
	if c == nil {
		return &CodeError{Index: -1, Msg: "nil code object"}
	}
	if depth > MaxNesting {
		return &CodeError{Code: c, Index: -1, Msg: fmt.Sprintf("code objects nested too deep: expected at most %d levels", MaxNesting)}
	}
	if v.state[c] == 2 {
		return nil
	}
	v.state[c] = 1
	if err := checkTables(c); err != nil {
		return err
	}
	if err := checkInstrs(c); err != nil {
		return err
	}
	var sizes [2]int32
	if err := checkFlow(c, &sizes); err != nil {
		return err
	}
	stack, blocks := sizes[0], sizes[1]
	// Nested code objects, in order of first use.
	for i, k := range c.Consts {
		var cerr error
		walkCodes(k, 0, func(nested *Code) bool {
			if v.state[nested] == 1 {
				cerr = &CodeError{Code: c, Index: firstUse(c, i), Msg: fmt.Sprintf(
					"constant %d contains code object %s, which contains this one: expected no code object to contain itself", i, quoteShort(nested.Name))}
				return false
			}
			cerr = v.code(nested, depth+1)
			return cerr == nil
		})
		if cerr != nil {
			return cerr
		}
	}
	if v.fill && (c.StackSize != stack || c.BlockSize != blocks) {
		c.StackSize, c.BlockSize = stack, blocks
	}
	if c.StackSize != stack {
		return tableErr(c, "StackSize is %d but the stack reaches depth %d: expected %d (Assemble, Builder and SetSizes compute it)", c.StackSize, stack, stack)
	}
	if c.BlockSize != blocks {
		return tableErr(c, "BlockSize is %d but blocks nest %d deep: expected %d (Assemble, Builder and SetSizes compute it)", c.BlockSize, blocks, blocks)
	}
	v.state[c] = 2
	return nil
}

// walkCodes calls f on every code object in k (k itself or inside tuples
// nested at most MaxNesting deep), in order, until f returns false.
func walkCodes(k Const, depth int, f func(*Code) bool) bool {
	switch x := k.(type) {
	case *Code:
		return f(x)
	case Tuple:
		if depth > MaxNesting {
			return true
		}
		for _, item := range x {
			if !walkCodes(item, depth+1, f) {
				return false
			}
		}
	}
	return true
}

// firstUse returns the index of the first instruction whose const operand
// is k, or -1.
func firstUse(c *Code, k int) int {
	for i, in := range c.Instrs {
		if in.Op.Valid() && in.Op.Info().Operand == OperandConst && int(in.Arg) == k {
			return i
		}
	}
	return -1
}

// positionError describes why p is not a valid position for an
// instruction on line, or returns "".
func positionError(p Position, line int32) string {
	switch {
	case p == Position{}:
		return ""
	case p.Line != line:
		return fmt.Sprintf("position starts on line %d but the instruction is on line %d: expected the same line", p.Line, line)
	case p.Col < 0 || p.EndCol < 0:
		return fmt.Sprintf("position %s has a negative column: expected columns from 0", p)
	case p.EndLine < p.Line || p.EndLine == p.Line && p.EndCol < p.Col:
		return fmt.Sprintf("position %s ends before it starts: expected the end at or after the start", p)
	}
	return ""
}

func tableErr(c *Code, format string, args ...any) error {
	return &CodeError{Code: c, Index: -1, Msg: fmt.Sprintf(format, args...)}
}

// NumArgs is the number of locals that parameters fill: Params, KwOnly
// and the **kwargs parameter when VarKeywords.
func (c *Code) NumArgs() int {
	n := len(c.Params) + len(c.KwOnly)
	if c.VarKeywords {
		n++
	}
	return n
}

func checkTables(c *Code) error {
	if len(c.Locals) < len(c.Params) {
		return tableErr(c, "%d locals but %d parameters: expected Locals to start with Params", len(c.Locals), len(c.Params))
	}
	for i, p := range c.Params {
		if c.Locals[i] != p {
			return tableErr(c, "local %d is %s but parameter %d is %s: expected Locals to start with Params", i, quoteShort(c.Locals[i]), i, quoteShort(p))
		}
	}
	if c.VarArgs && len(c.Params) == 0 {
		return tableErr(c, "VarArgs with no parameters: expected a last parameter to collect the extra arguments")
	}
	npos := len(c.Params)
	if c.VarArgs {
		npos--
	}
	if c.PosOnly < 0 || int(c.PosOnly) > npos {
		return tableErr(c, "PosOnly %d with %d positional parameters: expected 0 to %d (the *rest parameter is not one)", c.PosOnly, npos, npos)
	}
	if len(c.Locals) < len(c.Params)+len(c.KwOnly) {
		return tableErr(c, "%d locals but %d parameters and %d keyword-only ones: expected Locals to hold them all", len(c.Locals), len(c.Params), len(c.KwOnly))
	}
	for i, p := range c.KwOnly {
		if l := c.Locals[len(c.Params)+i]; l != p {
			return tableErr(c, "local %d is %s but keyword-only parameter %d is %s: expected Locals to continue with KwOnly after Params", len(c.Params)+i, quoteShort(l), i, quoteShort(p))
		}
	}
	if c.VarKeywords && len(c.Locals) == len(c.Params)+len(c.KwOnly) {
		return tableErr(c, "VarKeywords with no local after the parameters: expected a local to collect the extra keyword arguments")
	}
	if n := len(c.Positions); n != 0 && n != len(c.Instrs) {
		return tableErr(c, "%d positions for %d instructions: expected none or one per instruction", n, len(c.Instrs))
	}
	for i, p := range c.Positions {
		if msg := positionError(p, c.Instrs[i].Line); msg != "" {
			return &CodeError{Code: c, Index: i, Msg: msg}
		}
	}
	seen := make(map[string]int, len(c.Locals))
	for i, l := range c.Locals {
		if j, dup := seen[l]; dup {
			return tableErr(c, "local %s appears twice (locals %d and %d): expected unique locals", quoteShort(l), j, i)
		}
		seen[l] = i
	}
	nargs := c.NumArgs()
	cells := make(map[string]int, len(c.Cells))
	for i, name := range c.Cells {
		if j, dup := cells[name]; dup {
			return tableErr(c, "cell %s appears twice (cells %d and %d): expected unique cells", quoteShort(name), j, i)
		}
		cells[name] = i
		if j, ok := seen[name]; ok && j >= nargs {
			return tableErr(c, "cell %s is also local %d, which is not a parameter: expected a variable to be a fast local or a cell, not both", quoteShort(name), j)
		}
	}
	free := make(map[string]int, len(c.Free))
	for i, name := range c.Free {
		if j, dup := free[name]; dup {
			return tableErr(c, "free variable %s appears twice (free %d and %d): expected unique free variables", quoteShort(name), j, i)
		}
		free[name] = i
		if j, ok := cells[name]; ok {
			return tableErr(c, "free variable %s is also cell %d: expected Cells and Free to be disjoint", quoteShort(name), j)
		}
		if j, ok := seen[name]; ok {
			return tableErr(c, "free variable %s is also local %d: expected a variable to be a fast local or free, not both", quoteShort(name), j)
		}
	}
	clear(seen)
	for i, n := range c.Names {
		if j, dup := seen[n]; dup {
			return tableErr(c, "name %s appears twice (names %d and %d): expected unique names", quoteShort(n), j, i)
		}
		seen[n] = i
	}
	var t constTable
	for i, k := range c.Consts {
		if msg := constError(k, 0); msg != "" {
			return tableErr(c, "constant %d: %s", i, msg)
		}
		if j := t.intern(k); int(j) != i {
			return tableErr(c, "constants %d and %d are equal: expected unique constants", j, i)
		}
	}
	if len(c.Instrs) == 0 {
		return tableErr(c, "no instructions: expected at least a return")
	}
	return nil
}

// checkInstrs checks every operand, the canonical order of the tables and
// the placement rules.
func checkInstrs(c *Code) error {
	n := len(c.Instrs)
	bad := func(i int, format string, args ...any) error {
		return &CodeError{Code: c, Index: i, Msg: fmt.Sprintf(format, args...)}
	}
	targets := make([]bool, n)
	nextConst, nextName := 0, 0
	for i, in := range c.Instrs {
		if !in.Op.Valid() {
			return bad(i, "undefined opcode %d: expected one below %d", in.Op, NumOps)
		}
		info := in.Op.Info()
		arg := int(in.Arg)
		inRange := func(what string, size int) error {
			if arg < 0 || arg >= size {
				if size == 0 {
					return bad(i, "%s index %d out of range: the table is empty", what, arg)
				}
				return bad(i, "%s index %d out of range: expected 0 to %d", what, arg, size-1)
			}
			return nil
		}
		switch info.Operand {
		case OperandNone:
			if arg != 0 {
				return bad(i, "operand %d on an opcode that takes none: expected 0", arg)
			}
		case OperandConst:
			if err := inRange("constant", len(c.Consts)); err != nil {
				return err
			}
			if arg > nextConst {
				return bad(i, "first use of constant %d before constant %d: expected Consts in order of first use", arg, nextConst)
			}
			if arg == nextConst {
				nextConst++
			}
		case OperandLocal:
			if err := inRange("local", len(c.Locals)); err != nil {
				return err
			}
		case OperandName:
			if err := inRange("name", len(c.Names)); err != nil {
				return err
			}
			if arg > nextName {
				return bad(i, "first use of name %d before name %d: expected Names in order of first use", arg, nextName)
			}
			if arg == nextName {
				nextName++
			}
		case OperandJump:
			if err := inRange("jump target", n); err != nil {
				return err
			}
			if in.Op == JumpBackward {
				if arg > i {
					return bad(i, "target %d is after the instruction: expected a target at or before %d", arg, i)
				}
			} else if arg <= i {
				return bad(i, "target %d is not after the instruction: expected a target after %d (only JUMP_BACKWARD may go back)", arg, i)
			}
			targets[arg] = true
		case OperandCount, OperandFlag:
			if in.Arg < info.MinArg || in.Arg > info.MaxArg {
				if info.MaxArg == maxArg {
					return bad(i, "%s %d: expected at least %d", info.Operand, arg, info.MinArg)
				}
				return bad(i, "%s %d: expected %d to %d", info.Operand, arg, info.MinArg, info.MaxArg)
			}
		case OperandCell:
			if size := len(c.Cells) + len(c.Free); arg < 0 || arg >= size {
				if size == 0 {
					return bad(i, "cell index %d out of range: the code has no cells or free variables", arg)
				}
				return bad(i, "cell index %d out of range: expected 0 to %d (%d cells, then %d free variables)", arg, size-1, len(c.Cells), len(c.Free))
			}
		case OperandBinOp:
			if !BinOp(in.Arg).Valid() {
				return bad(i, "binop %d: expected 0 to %d", arg, NumBinOps-1)
			}
		case OperandCmpOp:
			if !CmpOp(in.Arg).Valid() {
				return bad(i, "cmpop %d: expected 0 to %d", arg, NumCmpOps-1)
			}
		}
	}
	if nextConst < len(c.Consts) {
		return tableErr(c, "constant %d (%s) is never used: expected every constant to be used", nextConst, constKind(c.Consts[nextConst]))
	}
	if nextName < len(c.Names) {
		return tableErr(c, "name %d (%s) is never used: expected every name to be used", nextName, quoteShort(c.Names[nextName]))
	}
	// Placement rules, now that operands are known to be in range.
	for i, in := range c.Instrs {
		switch in.Op {
		case YieldValue, YieldFrom:
			if !c.Generator {
				return bad(i, "in a code object that is not a generator: expected Generator to be set")
			}
		case MakeCell:
			if int(in.Arg) >= len(c.Cells) {
				return bad(i, "cell index %d is a free variable: expected one of the code's %d cells", in.Arg, len(c.Cells))
			}
		case KwNames:
			names, ok := c.Consts[in.Arg].(Tuple)
			if !ok {
				return bad(i, "constant is a %s: expected a tuple of keyword names", constKind(c.Consts[in.Arg]))
			}
			seen := make(map[string]bool, len(names))
			for _, k := range names {
				s, ok := k.(string)
				if !ok {
					return bad(i, "keyword name is a %s: expected a tuple of strings", constKind(k))
				}
				if seen[s] {
					return bad(i, "keyword name %s appears twice: expected distinct names", quoteShort(s))
				}
				seen[s] = true
			}
			if i+1 >= n || (c.Instrs[i+1].Op != Call && c.Instrs[i+1].Op != CallMethod) {
				return bad(i, "not followed by a call: expected CALL or CALL_METHOD next")
			}
			if int(c.Instrs[i+1].Arg) < len(names) {
				return bad(i, "%d keyword names for a call with %d arguments: expected at most %d", len(names), c.Instrs[i+1].Arg, c.Instrs[i+1].Arg)
			}
			if targets[i+1] {
				return bad(i+1, "a jump target right after KW_NAMES: expected the call to be reached only from its KW_NAMES")
			}
		case MakeFunction:
			if i == 0 || c.Instrs[i-1].Op != LoadConst {
				return bad(i, "not preceded by LOAD_CONST: expected the code object to be loaded right before")
			}
			fc, ok := c.Consts[c.Instrs[i-1].Arg].(*Code)
			if !ok {
				return bad(i, "the preceding LOAD_CONST loads a %s: expected a code object", constKind(c.Consts[c.Instrs[i-1].Arg]))
			}
			closure := in.Arg&MakeFunctionClosure != 0
			if fc != nil && closure && len(fc.Free) == 0 {
				return bad(i, "closure flag set, but code %s has no free variables: expected flag %d clear", quoteShort(fc.Name), MakeFunctionClosure)
			}
			if fc != nil && !closure && len(fc.Free) > 0 {
				return bad(i, "code %s has %d free variables but the closure flag is clear: expected flag %d and a tuple of %d cells", quoteShort(fc.Name), len(fc.Free), MakeFunctionClosure, len(fc.Free))
			}
			if targets[i] {
				return bad(i, "a jump target: expected MAKE_FUNCTION to be reached only from its LOAD_CONST")
			}
		}
	}
	return nil
}

// blockFrame is an open SETUP_EXCEPT block in the abstract interpretation:
// the stack depth and handler depth to restore when its handler is
// entered. Frames form immutable linked stacks shared between states.
type blockFrame struct {
	depth    int64
	handling int
	setup    int // the SETUP_EXCEPT's index, for messages
	count    int // the number of frames in this stack, itself included
	parent   *blockFrame
}

// markerFrame is a stack slot holding the selfOrNull of a LOAD_METHOD,
// which may be the null marker: only the CALL_METHOD that consumes it may
// touch it. Frames form immutable linked stacks, deepest slot last.
type markerFrame struct {
	depth  int64 // the slot's index from the bottom of the stack
	load   int   // the LOAD_METHOD's index, for messages
	parent *markerFrame
}

func sameMarkers(a, b *markerFrame) bool {
	for ; a != nil && b != nil; a, b = a.parent, b.parent {
		if a == b {
			return true
		}
		if a.depth != b.depth {
			return false
		}
	}
	return a == b
}

// flowState is what the abstract interpretation knows before an
// instruction: the operand-stack depth, the open blocks, how many
// exceptions are being handled (entered handlers not yet ended by
// POP_EXCEPT), and which slots hold LOAD_METHOD's selfOrNull.
type flowState struct {
	reached  bool
	depth    int64
	handling int
	blocks   *blockFrame
	markers  *markerFrame
	from     int // the instruction this state first came from (-1: entry)
}

func sameBlocks(a, b *blockFrame) bool {
	for ; a != nil && b != nil; a, b = a.parent, b.parent {
		if a == b {
			return true
		}
		if a.depth != b.depth || a.handling != b.handling || a.count != b.count {
			return false
		}
	}
	return a == b
}

func (s flowState) describe() string {
	nb := 0
	if s.blocks != nil {
		nb = s.blocks.count
	}
	return fmt.Sprintf("stack depth %d, %d open blocks, %d exceptions being handled", s.depth, nb, s.handling)
}

// checkFlow runs the abstract interpretation and stores the largest stack
// depth and block nesting it found in sizes.
func checkFlow(c *Code, sizes *[2]int32) error {
	n := len(c.Instrs)
	states := make([]flowState, n)
	bad := func(i int, format string, args ...any) error {
		return &CodeError{Code: c, Index: i, Msg: fmt.Sprintf(format, args...)}
	}
	var maxDepth int64
	maxBlocks := 0
	work := []int{0}
	states[0] = flowState{reached: true, from: -1}
	merge := func(from, to int, s flowState) error {
		s.reached, s.from = true, from
		if s.depth > MaxStackSize {
			return bad(from, "stack depth %d: expected at most %d", s.depth, MaxStackSize)
		}
		old := &states[to]
		if !old.reached {
			*old = s
			work = append(work, to)
			maxDepth = max(maxDepth, s.depth)
			if s.blocks != nil {
				maxBlocks = max(maxBlocks, s.blocks.count)
			}
			return nil
		}
		if old.depth != s.depth || old.handling != s.handling || !sameBlocks(old.blocks, s.blocks) || !sameMarkers(old.markers, s.markers) {
			first := "the entry"
			if old.from >= 0 {
				first = "instruction " + strconv.Itoa(old.from)
			}
			return bad(to, "reached from instruction %d with %s, but from %s with %s: expected the same depths on every path",
				from, s.describe(), first, old.describe())
		}
		return nil
	}
	for len(work) > 0 {
		i := work[len(work)-1]
		work = work[:len(work)-1]
		s := states[i]
		in := c.Instrs[i]
		info := in.Op.Info()
		pop, push := stackEffect(in, false)
		if s.depth < pop {
			return bad(i, "stack underflow: expected at least %d items on the stack, got %d", pop, s.depth)
		}
		if s.blocks != nil && s.depth-pop < s.blocks.depth {
			return bad(i, "pops below depth %d, where the SETUP_EXCEPT at %d set up its block: expected at least %d items on the stack, got %d",
				s.blocks.depth, s.blocks.setup, s.blocks.depth+pop, s.depth)
		}
		// LOAD_METHOD's selfOrNull may be the null marker, which is no
		// object: only the CALL_METHOD it was loaded for may consume it.
		markers := s.markers
		if in.Op == CallMethod {
			at := s.depth - int64(in.Arg) - 1
			if markers == nil || markers.depth != at {
				return bad(i, "no LOAD_METHOD result below its %d argument%s: expected LOAD_METHOD, then the arguments, then CALL_METHOD", in.Arg, plural(int(in.Arg)))
			}
			markers = markers.parent
		}
		if markers != nil && markers.depth >= s.depth-pop {
			what := "uses"
			if in.Op == CallMethod {
				what = "passes as an argument"
			}
			return bad(i, "%s the selfOrNull of the LOAD_METHOD at instruction %d, which may be a null marker, not an object: expected only that LOAD_METHOD's CALL_METHOD to consume it", what, markers.load)
		}
		next := s
		next.depth = s.depth - pop + push
		next.markers = markers
		if in.Op == LoadMethod {
			next.markers = &markerFrame{depth: next.depth - 1, load: i, parent: markers}
		}
		if next.depth > MaxStackSize {
			return bad(i, "stack depth %d: expected at most %d", next.depth, MaxStackSize)
		}
		maxDepth = max(maxDepth, next.depth)
		jump := next
		switch in.Op {
		case SetupExcept:
			count := 1
			if s.blocks != nil {
				count = s.blocks.count + 1
			}
			next.blocks = &blockFrame{depth: s.depth, handling: s.handling, setup: i, count: count, parent: s.blocks}
			jump = flowState{depth: s.depth + 1, handling: s.handling + 1, blocks: s.blocks, markers: s.markers}
		case PopBlock:
			if s.blocks == nil {
				return bad(i, "no open block: expected a SETUP_EXCEPT before it on every path")
			}
			next.blocks = s.blocks.parent
		case PopExcept:
			if s.handling == 0 {
				return bad(i, "no exception is being handled: expected it only in a handler")
			}
			if s.blocks != nil && s.handling <= s.blocks.handling {
				return bad(i, "ends a handler entered outside the block of the SETUP_EXCEPT at %d: expected a POP_BLOCK first", s.blocks.setup)
			}
			next.handling--
		case ForIter:
			p, q := stackEffect(in, true)
			jump.depth = s.depth - p + q
		}
		if !info.NoFallThrough {
			if i+1 >= n {
				return bad(i, "falls off the end of the code: expected a return, raise or jump after it")
			}
			if err := merge(i, i+1, next); err != nil {
				return err
			}
		}
		if info.Jump {
			if err := merge(i, int(in.Arg), jump); err != nil {
				return err
			}
		}
	}
	sizes[0], sizes[1] = int32(maxDepth), int32(maxBlocks)
	return nil
}

func plural(n int) string {
	if n == 1 {
		return ""
	}
	return "s"
}
