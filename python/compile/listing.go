package compile

import (
	"strconv"
	"strings"

	"github.com/rwgil/rwgil/core/bytecode"
)

// Listing disassembles code compiled from src as `rwgil dis prog.py`
// shows it: the .rwa text form (bytecode.Disassemble) with, wherever the
// source line changes, a `.line N` directive commented with that line of
// src. Column positions are left out; the text still assembles, with the
// same instructions and lines.
func Listing(code *bytecode.Code, src []byte) string {
	lines := strings.Split(string(src), "\n")
	text := bytecode.Disassemble(code)
	var b strings.Builder
	cur := int64(-1)
	for _, l := range strings.SplitAfter(text, "\n") {
		trim := strings.TrimSpace(l)
		var n int64 = -1
		switch {
		case strings.HasPrefix(trim, "module") || strings.HasPrefix(trim, "func "):
			cur = -1
		case strings.HasPrefix(trim, ".pos "):
			spec := strings.TrimPrefix(trim, ".pos ")
			if i := strings.IndexByte(spec, ':'); i > 0 {
				n, _ = strconv.ParseInt(spec[:i], 10, 32)
			}
		case strings.HasPrefix(trim, ".line "):
			n, _ = strconv.ParseInt(strings.TrimPrefix(trim, ".line "), 10, 32)
		}
		if n < 0 {
			b.WriteString(l)
			continue
		}
		if n == cur {
			continue
		}
		cur = n
		dir := "    .line " + strconv.FormatInt(n, 10)
		if n >= 1 && int(n) <= len(lines) {
			if s := strings.TrimSpace(strings.TrimRight(lines[n-1], "\r")); s != "" {
				dir += strings.Repeat(" ", max(1, 16-len(dir))) + "; " + s
			}
		}
		b.WriteString(dir + "\n")
	}
	return b.String()
}
