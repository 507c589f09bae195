package syntax

import (
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"strings"
	"testing"
)

// TestDifferential parses a batch of programs with rwgil and with CPython
// (one Python process for the whole batch) and reports every program where
// the two disagree: a different tree, a different error, or one accepting
// what the other rejects. The batch is a file of programs separated by
// lines "====" (-diff FILE), or mutations of the valid corpus (-diff
// mutants). It is a tool for finding differences; it needs python3 >= 3.12
// and is skipped without -diff.
var diffFile = flag.String("diff", "", "TestDifferential: a file of programs separated by ==== lines, or \"mutants\"")

const diffScript = `
import ast, json, os, sys, tempfile
progs = json.load(sys.stdin)
os.chdir(tempfile.mkdtemp())
out = []
for src in progs:
    # CPython reads the error's source line from the file when it exists,
    # as it does when it runs one; write each program to p.py for that.
    with open("p.py", "w", encoding="utf-8", newline="") as f:
        f.write(src)
    try:
        t = ast.parse(src[1:] if src.startswith("\ufeff") else src, "p.py")
        out.append({"ok": ast.dump(t, include_attributes=True)})
    except SyntaxError as e:
        out.append({"err": [type(e).__name__, e.lineno, e.offset, e.end_lineno, e.end_offset, e.msg]})
    except Exception as e:
        out.append({"exc": type(e).__name__ + ": " + str(e)})
json.dump(out, sys.stdout)
`

type cpyResult struct {
	OK  *string `json:"ok"`
	Err []any   `json:"err"`
	Exc *string `json:"exc"`
}

func runCPython(progs []string) ([]cpyResult, error) {
	py, env, err := findPython()
	if err != nil {
		return nil, err
	}
	cmd := exec.Command(py[0], "-c", diffScript)
	cmd.Env = append(os.Environ(), env...)
	in, _ := json.Marshal(progs)
	cmd.Stdin = strings.NewReader(string(in))
	out, err := cmd.Output()
	if err != nil {
		return nil, fmt.Errorf("python: %v", err)
	}
	var res []cpyResult
	if err := json.Unmarshal(out, &res); err != nil {
		return nil, err
	}
	return res, nil
}

// describe formats rwgil's result the way the script formats CPython's.
func describe(src string) cpyResult {
	m, err := Parse("p.py", []byte(src))
	if err == nil {
		s := Dump(m, -1)
		return cpyResult{OK: &s}
	}
	var e *Error
	if !errors.As(err, &e) {
		s := err.Error()
		return cpyResult{Exc: &s}
	}
	if e.noPos || e.Kind == KindMemoryError {
		return cpyResult{Err: []any{e.Kind.String(), nil, nil, nil, nil, e.Msg}}
	}
	return cpyResult{Err: []any{e.Kind.String(), float64(e.Line), float64(e.Offset), float64(e.EndLine), float64(e.EndOffset), e.Msg}}
}

func sameResult(a, b cpyResult) bool {
	x, _ := json.Marshal(a)
	y, _ := json.Marshal(b)
	return string(x) == string(y)
}

func TestDifferential(t *testing.T) {
	if *diffFile == "" {
		t.Skip("run with -diff FILE or -diff mutants")
	}
	var progs []string
	if *diffFile == "mutants" {
		progs = mutants(t)
	} else {
		data, err := os.ReadFile(*diffFile)
		if err != nil {
			t.Fatal(err)
		}
		progs = strings.Split(string(data), "\n====\n")
	}
	want, err := runCPython(progs)
	if err != nil {
		t.Skip(err)
	}
	bad := 0
	for i, src := range progs {
		got := describe(src)
		if !sameResult(got, want[i]) {
			bad++
			if bad <= 40 {
				w, _ := json.Marshal(want[i])
				g, _ := json.Marshal(got)
				ws, gs := string(w), string(g)
				if want[i].OK != nil && got.OK != nil {
					ws, gs = diffText(strings.ReplaceAll(*want[i].OK, ", ", ",\n"), strings.ReplaceAll(*got.OK, ", ", ",\n")), ""
				}
				t.Errorf("program %d %q:\nCPython: %.600s\nrwgil:   %.600s", i, src, ws, gs)
			}
		}
	}
	t.Logf("%d programs, %d differ", len(progs), bad)
}

var mutantSeed = flag.Int64("diff.seed", 1, "TestDifferential: seed for -diff mutants")
var mutantCount = flag.Int("diff.n", 2000, "TestDifferential: number of mutants")

// mutants returns programs made from the valid corpus by one small edit
// each: a character or a token's worth of text deleted, inserted or
// replaced, a line deleted or indented.
func mutants(t *testing.T) []string {
	var files []string
	for _, path := range corpusFiles(t, "valid") {
		b, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		files = append(files, string(b))
	}
	r := newRand(*mutantSeed)
	pieces := []string{"(", ")", "[", "]", "{", "}", ":", ",", "=", "==", ".", "*", "**", "+", "-", "'", "\"", "f'", "'''",
		"\\", "\n", " ", "\t", "    ", "#", "if ", "else", "for ", "in ", "not ", "lambda ", "yield ", "await ", "return ",
		"def ", "class ", "import ", "from ", "as ", "with ", "try:", "except", "finally:", "pass", "del ", "global x",
		"1", "1.5", "0x", "1_", "1j", "x", "_", "match ", "case ", ":=", "->", "@", "!", "{x}", "{", "}", ";", "…", "é", "$", "?"}
	var out []string
	for len(out) < *mutantCount {
		src := files[r.intn(len(files))]
		if len(src) == 0 {
			continue
		}
		if r.intn(2) == 0 {
			if m, ok := tokenMutant(src, r); ok {
				out = append(out, m)
			}
			continue
		}
		i := r.intn(len(src))
		switch r.intn(6) {
		case 0: // delete a character
			src = src[:i] + src[i+1:]
		case 1: // delete a few characters
			j := i + 1 + r.intn(6)
			if j > len(src) {
				j = len(src)
			}
			src = src[:i] + src[j:]
		case 2, 3: // insert a piece
			src = src[:i] + pieces[r.intn(len(pieces))] + src[i:]
		case 4: // replace a character with a piece
			src = src[:i] + pieces[r.intn(len(pieces))] + src[i+1:]
		case 5: // delete or indent a line
			lines := strings.Split(src, "\n")
			k := r.intn(len(lines))
			if r.intn(2) == 0 {
				lines = append(lines[:k], lines[k+1:]...)
			} else {
				lines[k] = "  " + lines[k]
			}
			src = strings.Join(lines, "\n")
		}
		if strings.ToValidUTF8(src, "") != src {
			continue
		}
		out = append(out, src)
	}
	return out
}

// rng is a small deterministic generator (xorshift), so that a seed names
// the same mutants everywhere.
type rng struct{ s uint64 }

func newRand(seed int64) *rng { return &rng{uint64(seed)*2654435761 + 1} }

func (r *rng) intn(n int) int {
	r.s ^= r.s << 13
	r.s ^= r.s >> 7
	r.s ^= r.s << 17
	return int(r.s % uint64(n))
}

// tokenMutant edits src at the token level: a token deleted, doubled,
// swapped with the next one, or replaced by another token of the file.
func tokenMutant(src string, r *rng) (string, bool) {
	text := []byte(src)
	p := &parser{filename: "m.py", src: text}
	p.lines = lineStarts(text)
	sc := newScanner(text, p)
	sc.checkUTF8 = true
	type span struct{ start, end int }
	var spans []span
	for len(spans) < 100000 {
		t := sc.next()
		if t.kind == tError || t.kind == tEndmarker {
			break
		}
		if t.col < 0 || t.kind == tNewline {
			continue
		}
		start := p.lines[t.line-1] + t.col
		end := p.lines[t.endLine-1] + t.endC
		if start < end && end <= len(src) {
			spans = append(spans, span{start, end})
		}
	}
	if len(spans) < 2 {
		return "", false
	}
	k := r.intn(len(spans) - 1)
	a, b := spans[k], spans[k+1]
	switch r.intn(4) {
	case 0:
		return src[:a.start] + src[a.end:], true
	case 1:
		return src[:a.end] + " " + src[a.start:a.end] + src[a.end:], true
	case 2:
		if a.end > b.start {
			return "", false
		}
		return src[:a.start] + src[b.start:b.end] + src[a.end:b.start] + src[a.start:a.end] + src[b.end:], true
	default:
		o := spans[r.intn(len(spans))]
		return src[:a.start] + src[o.start:o.end] + src[a.end:], true
	}
}
