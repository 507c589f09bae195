package bytecode

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// TestExamples: the example programs in testdata/examples and every rwa
// block of docs/bytecode.md assemble and round-trip, and the docs show
// each example file verbatim, so the documentation cannot drift from what
// the assembler accepts.
func TestExamples(t *testing.T) {
	files, err := filepath.Glob("testdata/examples/*.rwa")
	if err != nil || len(files) == 0 {
		t.Fatalf("expected example programs in testdata/examples, got %v %v", files, err)
	}
	doc, err := os.ReadFile("../../docs/bytecode.md")
	if err != nil {
		t.Fatal(err)
	}
	blocks := regexp.MustCompile("(?s)```rwa\n(.*?)```").FindAllStringSubmatch(string(doc), -1)
	if len(blocks) < len(files) {
		t.Fatalf("expected at least %d rwa blocks in docs/bytecode.md, got %d", len(files), len(blocks))
	}
	var docBlocks []string
	for _, b := range blocks {
		docBlocks = append(docBlocks, b[1])
	}
	for _, file := range files {
		src, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(string(doc), string(src)) {
			t.Errorf("docs/bytecode.md does not show %s verbatim", file)
		}
	}
	for i, src := range docBlocks {
		name := fmt.Sprintf("docs/bytecode.md block %d", i+1)
		c, err := Assemble(name, []byte(src))
		if err != nil {
			t.Errorf("%v\n%s", err, numbered(src))
			continue
		}
		text := Disassemble(c)
		back, err := Assemble(name, []byte(text))
		if err != nil {
			t.Errorf("reassembling the disassembly: %v", err)
			continue
		}
		if d := diffCode(c, back); d != "" {
			t.Errorf("%s: round trip: %s", name, d)
		}
	}
}
