package syntax

import (
	"math/big"
	"strconv"
	"strings"
)

// Literals: numbers, strings and f-strings, following CPython 3.12's
// Parser/action_helpers.c and Parser/string_parser.c in what they build and
// which errors they raise, and where.

// intMaxStrDigits is CPython's default sys.get_int_max_str_digits().
const intMaxStrDigits = 4300

// number turns a NUMBER token into a Constant, as _PyPegen_number_token
// does.
func (p *parser) number(t *token) Expr {
	s := strings.ReplaceAll(t.text, "_", "")
	c := &Constant{Pos: tokPos(t)}
	last := s[len(s)-1]
	if last == 'j' || last == 'J' {
		f, _ := strconv.ParseFloat(s[:len(s)-1], 64)
		c.Value = complex(0, f)
		return c
	}
	isFloat := false
	if !(len(s) > 1 && s[0] == '0' && strings.ContainsAny(s[1:2], "xXoObB")) {
		isFloat = strings.ContainsAny(s, ".eE")
	}
	if isFloat {
		f, _ := strconv.ParseFloat(s, 64)
		c.Value = f
		return c
	}
	if len(s) > 1 && s[0] == '0' && strings.ContainsAny(s[1:2], "xXoObB") {
		var base int
		switch s[1] {
		case 'x', 'X':
			base = 16
		case 'o', 'O':
			base = 8
		default:
			base = 2
		}
		c.Value = intValue(s[2:], base)
		return c
	}
	if s[0] != '0' && len(s) > intMaxStrDigits {
		p.raiseKnown(KindSyntaxError, t.line, 0, t.endLine, 0,
			"Exceeds the limit ("+itoa(intMaxStrDigits)+" digits) for integer string conversion: value has "+
				itoa(len(s))+" digits; use sys.set_int_max_str_digits() to increase the limit - Consider hexadecimal for huge integer literals to avoid decimal conversion limits.")
	}
	c.Value = intValue(s, 10)
	return c
}

// intValue returns digits in base as an int64 when it fits, else as a
// *big.Int.
func intValue(digits string, base int) any {
	if v, err := strconv.ParseInt(digits, base, 64); err == nil {
		return v
	}
	b, ok := new(big.Int).SetString(digits, base)
	if !ok {
		return int64(0)
	}
	return b
}

// strings (memo): (fstring | string)+
func (p *parser) strings() Expr {
	if r, ok := p.memoGet(mStrings); ok {
		if r == nil {
			return nil
		}
		return r.(Expr)
	}
	start := p.mark
	res := p.stringsRaw()
	if res == nil {
		p.mark = start
		p.memoSet(mStrings, start, nil)
		return nil
	}
	p.memoSet(mStrings, start, res)
	return res
}

func (p *parser) stringsRaw() Expr {
	p.enter()
	defer p.leave()
	line, col := p.start()
	var parts []Expr
	for {
		t := p.tok()
		if t.kind == tFStringStart {
			m := p.mark
			f := p.fstring()
			if f == nil {
				p.mark = m
				break
			}
			parts = append(parts, f)
			continue
		}
		if t.kind == tString {
			p.mark++
			parts = append(parts, p.stringConstant(t))
			continue
		}
		break
	}
	if parts == nil {
		return nil
	}
	return p.concatenateStrings(parts, p.pos(line, col))
}

// stringConstant decodes a STRING token (CPython's
// _PyPegen_constant_from_string).
func (p *parser) stringConstant(t *token) Expr {
	v := p.parseString(t)
	c := &Constant{Pos: tokPos(t), Value: v}
	if t.text[0] == 'u' {
		c.Kind = "u"
	}
	return c
}

// parseString is CPython's _PyPegen_parse_string: the value of a string
// or bytes literal.
func (p *parser) parseString(t *token) any {
	s := t.text
	bytesMode, rawMode := false, false
	i := 0
	for ; i < len(s); i++ {
		c := s[i]
		if c == 'b' || c == 'B' {
			bytesMode = true
		} else if c == 'r' || c == 'R' {
			rawMode = true
		} else if c == 'u' || c == 'U' {
		} else {
			break
		}
	}
	quote := s[i]
	body := s[i+1 : len(s)-1]
	if len(body) >= 4 && body[0] == quote && body[1] == quote {
		body = body[2 : len(body)-2]
	}
	rawMode = rawMode || !strings.Contains(body, "\\")
	if bytesMode {
		for j := 0; j < len(body); j++ {
			if body[j] >= 0x80 {
				p.raiseAt(tokPos(t), "bytes can only contain ASCII literal characters")
			}
		}
		if rawMode {
			return []byte(body)
		}
		b, msg := decodeBytesEscapes(body)
		if msg != "" {
			p.raiseLast(KindSyntaxError, "(value error) "+msg)
		}
		return b
	}
	return p.decodeString(rawMode, body)
}

// decodeString is _PyPegen_decode_string: raw text is kept as it is,
// other text has its escapes decoded; a bad escape is a SyntaxError at the
// last token read.
func (p *parser) decodeString(raw bool, body string) string {
	if raw {
		return body
	}
	v, msg := decodeUnicodeEscapes(body)
	if msg != "" {
		p.raiseLast(KindSyntaxError, "(unicode error) "+msg)
	}
	return v
}

// fstring: FSTRING_START fstring_middle* FSTRING_END
func (p *parser) fstring() Expr {
	p.enter()
	defer p.leave()
	mark := p.mark
	a := p.expectKind(tFStringStart)
	if a == nil {
		return nil
	}
	var parts []Expr
	for {
		m := p.mark
		e := p.fstringMiddle()
		if e == nil {
			p.mark = m
			break
		}
		parts = append(parts, e)
	}
	b := p.expectKind(tFStringEnd)
	if b == nil {
		p.mark = mark
		return nil
	}
	return p.joinedStr(a, parts, b)
}

// fstring_middle: fstring_replacement_field | FSTRING_MIDDLE
func (p *parser) fstringMiddle() Expr {
	p.enter()
	defer p.leave()
	mark := p.mark
	if e := p.fstringReplacementField(); e != nil {
		return e
	}
	p.mark = mark
	if t := p.expectKind(tFStringMiddle); t != nil {
		return &Constant{Pos: tokPos(t), Value: t.text}
	}
	return nil
}

// fstringSpec is the result of fstring_full_format_spec: the spec and the
// ':' token's expression text.
type fstringSpec struct {
	spec  *JoinedStr
	colon *token
}

// fstring_replacement_field:
//
//	| '{' (yield_expr | star_expressions) '='? [fstring_conversion] [fstring_full_format_spec] '}'
//	| invalid_replacement_field
func (p *parser) fstringReplacementField() Expr {
	p.enter()
	defer p.leave()
	mark := p.mark
	line, col := p.start()
	if p.expect(opLbrace) != nil {
		if a := p.annotatedRHS(); a != nil {
			debug := p.expect(opEqual)
			conv, convTok, convName := p.fstringConversionOpt()
			spec := p.fstringFullFormatSpecOpt()
			if rbrace := p.expect(opRbrace); rbrace != nil {
				return p.formattedValue(a, debug, conv, convTok, convName, spec, rbrace, p.pos(line, col))
			}
		}
	}
	p.mark = mark
	if p.invalid {
		p.invalidReplacementField()
		p.mark = mark
	}
	return nil
}

// fstring_conversion: "!" NAME. It returns the conversion character, the
// "!" token and the name.
func (p *parser) fstringConversionOpt() (int, *token, *Name) {
	mark := p.mark
	bang := p.expect(opExclam)
	if bang == nil {
		return ConvNone, nil, nil
	}
	n := p.nameTok()
	if n == nil {
		p.mark = mark
		return ConvNone, nil, nil
	}
	name := p.newName(n, Load)
	// _PyPegen_check_fstring_conversion
	if bang.line != n.line || bang.endC != n.col {
		p.raiseRange(tokPos(bang), name.Pos, "f-string: conversion type must come right after the exclamanation mark")
	}
	return int(n.text[0]), bang, name
}

// fstring_full_format_spec: ':' fstring_format_spec*
func (p *parser) fstringFullFormatSpecOpt() *fstringSpec {
	p.enter()
	defer p.leave()
	mark := p.mark
	line, col := p.start()
	colon := p.expect(opColon)
	if colon == nil {
		return nil
	}
	var spec []Expr
	for {
		m := p.mark
		e := p.fstringFormatSpec()
		if e == nil {
			p.mark = m
			break
		}
		spec = append(spec, e)
	}
	_ = mark
	// _PyPegen_setup_full_format_spec: a lone empty constant makes an empty
	// spec.
	if len(spec) == 1 {
		if c, ok := spec[0].(*Constant); ok {
			if s, ok := c.Value.(string); ok && s == "" {
				spec = nil
			}
		}
	}
	return &fstringSpec{spec: &JoinedStr{Pos: p.pos(line, col), Values: spec}, colon: colon}
}

// fstring_format_spec: FSTRING_MIDDLE | fstring_replacement_field
func (p *parser) fstringFormatSpec() Expr {
	p.enter()
	defer p.leave()
	if t := p.expectKind(tFStringMiddle); t != nil {
		return &Constant{Pos: tokPos(t), Value: p.decodeString(false, t.text)}
	}
	return p.fstringReplacementField()
}

// formattedValue is CPython's _PyPegen_formatted_value.
func (p *parser) formattedValue(value Expr, debug *token, conv int, convTok *token, convName *Name, spec *fstringSpec, rbrace *token, pos Pos) Expr {
	if convName != nil {
		if len([]rune(convName.Id)) > 1 || !(conv == 's' || conv == 'r' || conv == 'a') {
			p.raiseAt(convName.Pos, "f-string: invalid conversion character '"+convName.Id+"': expected 's', 'r', or 'a'")
		}
	} else if debug != nil && spec == nil {
		conv = ConvRepr
	}
	fv := &FormattedValue{Pos: pos, Value: value, Conversion: conv}
	if spec != nil {
		fv.FormatSpec = spec.spec
	}
	if debug == nil {
		return fv
	}
	var endLine, endCol int
	var meta *token
	switch {
	case convName != nil:
		endLine, endCol = convName.Lineno, convName.ColOffset
		meta = convTok
	case spec != nil:
		endLine, endCol = spec.spec.Lineno, spec.spec.ColOffset+1
		meta = spec.colon
	default:
		endLine, endCol = pos.EndLineno, pos.EndColOffset
		meta = rbrace
	}
	text := &Constant{Pos: Pos{pos.Lineno, pos.ColOffset + 1, endLine, endCol - 1}, Value: meta.meta}
	return &JoinedStr{Pos: Pos{pos.Lineno, pos.ColOffset, endLine, endCol}, Values: []Expr{text, fv}}
}

// joinedStr is CPython's _PyPegen_joined_str: the parts of one f-string,
// debugging fields flattened, literal parts decoded, empty ones dropped.
func (p *parser) joinedStr(a *token, raw []Expr, b *token) Expr {
	var items []Expr
	for _, e := range raw {
		if j, ok := e.(*JoinedStr); ok {
			items = append(items, j.Values...)
		} else {
			items = append(items, e)
		}
	}
	isRaw := strings.ContainsAny(a.text, "rR")
	values := make([]Expr, 0, len(items))
	for _, e := range items {
		if c, ok := e.(*Constant); ok {
			s := c.Value.(string)
			decoded := p.decodeString(isRaw || !strings.Contains(s, "\\"), s)
			if decoded == "" {
				continue
			}
			e = &Constant{Pos: c.Pos, Value: decoded}
		}
		values = append(values, e)
	}
	return &JoinedStr{Pos: Pos{a.line, a.col, b.endLine, b.endC}, Values: values}
}

// concatenateStrings is CPython's _PyPegen_concatenate_strings: adjacent
// literals are joined, and if any part is an f-string the result is one
// JoinedStr with adjacent constant parts merged.
func (p *parser) concatenateStrings(parts []Expr, pos Pos) Expr {
	fstringFound, unicodeFound, bytesFound := false, false, false
	for _, e := range parts {
		switch e := e.(type) {
		case *Constant:
			if _, ok := e.Value.([]byte); ok {
				bytesFound = true
			} else {
				unicodeFound = true
			}
		default:
			fstringFound = true
		}
	}
	if (unicodeFound || fstringFound) && bytesFound {
		p.raiseLast(KindSyntaxError, "cannot mix bytes and nonbytes literals")
	}
	if bytesFound {
		var b []byte
		for _, e := range parts {
			b = append(b, e.(*Constant).Value.([]byte)...)
		}
		if b == nil {
			b = []byte{}
		}
		return &Constant{Pos: pos, Value: b, Kind: parts[0].(*Constant).Kind}
	}
	if !fstringFound && len(parts) == 1 {
		return parts[0]
	}
	var flat []Expr
	for _, e := range parts {
		if j, ok := e.(*JoinedStr); ok {
			flat = append(flat, j.Values...)
		} else {
			flat = append(flat, e)
		}
	}
	var values []Expr
	for i := 0; i < len(flat); i++ {
		e := flat[i]
		if c, ok := e.(*Constant); ok {
			if i+1 < len(flat) {
				if _, ok := flat[i+1].(*Constant); ok {
					var sb strings.Builder
					last := c
					j := i
					for ; j < len(flat); j++ {
						cj, ok := flat[j].(*Constant)
						if !ok {
							break
						}
						sb.WriteString(cj.Value.(string))
						last = cj
					}
					i = j - 1
					c = &Constant{Pos: Pos{c.Lineno, c.ColOffset, last.EndLineno, last.EndColOffset}, Value: sb.String(), Kind: c.Kind}
					e = c
				}
			}
			if fstringFound && c.Value.(string) == "" {
				continue
			}
		}
		values = append(values, e)
	}
	if !fstringFound {
		return values[0]
	}
	return &JoinedStr{Pos: pos, Values: values}
}
