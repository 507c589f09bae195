// Package docs holds rwgil's documentation; its test checks that the
// repository stands on its own: every relative link of every Markdown
// file resolves to a file (and heading) inside the repository, every
// test or benchmark the docs cite exists, and no file cites a document
// outside it.
package docs

import (
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"unicode"
)

// root is the repository, seen from this package's directory.
const root = ".."

// markdownFiles returns every .md file of the repository, relative to
// root, skipping version control and test fixtures that are inputs, not
// documentation.
func markdownFiles(t *testing.T) []string {
	t.Helper()
	var files []string
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && (d.Name() == ".git" || d.Name() == "node_modules") {
			return filepath.SkipDir
		}
		if !d.IsDir() && strings.HasSuffix(path, ".md") {
			files = append(files, path)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(files) < 5 {
		t.Fatalf("found %d Markdown files under %s: the walk is wrong", len(files), root)
	}
	return files
}

var (
	// inlineLink is [text](target) or ![alt](target), the target up to a
	// space (an optional title follows) or the closing parenthesis.
	inlineLink = regexp.MustCompile(`!?\[[^\]]*\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)`)
	// refLink is a reference definition: [label]: target.
	refLink    = regexp.MustCompile(`^\s{0,3}\[[^\]]+\]:\s*<?(\S+?)>?(?:\s|$)`)
	codeSpan   = regexp.MustCompile("`[^`]*`")
	fenceStart = regexp.MustCompile("^\\s*(```|~~~)")
	heading    = regexp.MustCompile(`^#{1,6}\s+(.*?)\s*#*\s*$`)
)

// stripCode blanks out fenced code blocks and code spans, which hold
// examples, not links. It keeps the line count.
func stripCode(text string) []string {
	lines := strings.Split(text, "\n")
	inFence := false
	for i, l := range lines {
		if fenceStart.MatchString(l) {
			inFence = !inFence
			lines[i] = ""
			continue
		}
		if inFence {
			lines[i] = ""
			continue
		}
		lines[i] = codeSpan.ReplaceAllString(l, "``")
	}
	return lines
}

// anchors returns the heading anchors of a Markdown file, as GitHub makes
// them: lower case, punctuation dropped, spaces as hyphens, a -N suffix
// for repeats.
func anchors(text string) map[string]bool {
	out := map[string]bool{}
	seen := map[string]int{}
	for _, l := range stripCodeKeepingHeadings(text) {
		m := heading.FindStringSubmatch(l)
		if m == nil {
			continue
		}
		var b strings.Builder
		for _, r := range strings.ToLower(m[1]) {
			switch {
			case unicode.IsLetter(r) || unicode.IsDigit(r) || r == '-' || r == '_':
				b.WriteRune(r)
			case r == ' ':
				b.WriteRune('-')
			}
		}
		a := b.String()
		if n := seen[a]; n > 0 {
			out[a+"-"+itoa(n)] = true
		} else {
			out[a] = true
		}
		seen[a]++
	}
	return out
}

// stripCodeKeepingHeadings drops fenced blocks (a "# comment" in a code
// block is no heading) but keeps code spans' text, which headings use.
func stripCodeKeepingHeadings(text string) []string {
	lines := strings.Split(text, "\n")
	inFence := false
	for i, l := range lines {
		if fenceStart.MatchString(l) {
			inFence = !inFence
			lines[i] = ""
		} else if inFence {
			lines[i] = ""
		}
	}
	return lines
}

func itoa(n int) string {
	s := ""
	for ; n > 0; n /= 10 {
		s = string(rune('0'+n%10)) + s
	}
	return s
}

// TestLinksResolve: every relative link in every Markdown file names a
// file or directory inside the repository, and every #anchor a heading of
// its target (or of its own file).
func TestLinksResolve(t *testing.T) {
	absRoot, err := filepath.Abs(root)
	if err != nil {
		t.Fatal(err)
	}
	anchorCache := map[string]map[string]bool{}
	anchorsOf := func(path string) map[string]bool {
		if a, ok := anchorCache[path]; ok {
			return a
		}
		data, err := os.ReadFile(path)
		if err != nil {
			return nil
		}
		anchorCache[path] = anchors(string(data))
		return anchorCache[path]
	}
	checked := 0
	for _, file := range markdownFiles(t) {
		data, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		for n, line := range stripCode(string(data)) {
			var targets []string
			for _, m := range inlineLink.FindAllStringSubmatch(line, -1) {
				targets = append(targets, m[1])
			}
			if m := refLink.FindStringSubmatch(line); m != nil {
				targets = append(targets, m[1])
			}
			for _, target := range targets {
				if strings.Contains(target, "://") || strings.HasPrefix(target, "mailto:") {
					continue
				}
				checked++
				where := filepath.ToSlash(strings.TrimPrefix(file, root+string(filepath.Separator))) + ":" + itoa(n+1)
				path, frag, _ := strings.Cut(target, "#")
				resolved := file
				if path != "" {
					resolved = filepath.Join(filepath.Dir(file), filepath.FromSlash(path))
					abs, err := filepath.Abs(resolved)
					if err != nil || !strings.HasPrefix(abs+string(filepath.Separator), absRoot+string(filepath.Separator)) {
						t.Errorf("%s: %s points outside the repository", where, target)
						continue
					}
					if _, err := os.Stat(resolved); err != nil {
						t.Errorf("%s: %s does not exist", where, target)
						continue
					}
				}
				if frag != "" && strings.HasSuffix(resolved, ".md") && !anchorsOf(resolved)[frag] {
					t.Errorf("%s: %s: no heading makes the anchor #%s", where, target, frag)
				}
			}
		}
	}
	t.Logf("%d links checked", checked)
	if checked < 50 {
		t.Errorf("only %d relative links checked: the parser misses them", checked)
	}
}

// TestNoOutsideDocuments: no file of the repository cites a design
// document that a clone does not have (the plan beside the checkout that
// docs/design.md replaced).
func TestNoOutsideDocuments(t *testing.T) {
	outside := regexp.MustCompile(`DESIGN\.md|\.\./shared/|/work/shared`)
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			if d.Name() == ".git" {
				return filepath.SkipDir
			}
			return nil
		}
		switch filepath.Ext(path) {
		case ".go", ".md", ".py", ".rwa", ".txt":
		default:
			return nil
		}
		if filepath.Base(path) == "links_test.go" {
			return nil
		}
		data, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		for n, line := range strings.Split(string(data), "\n") {
			if outside.MatchString(line) {
				t.Errorf("%s:%d cites a document outside the repository: %s", path, n+1, strings.TrimSpace(line))
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

// citedTest is a test, benchmark or example cited in prose, with its
// package when named: `core.BenchmarkEval`, `TestGILHandoffFairness`.
var citedTest = regexp.MustCompile("`(?:go test [^`]*-run )?(?:([a-z][a-z0-9]*)\\.)?((?:Test|Benchmark|Example|Fuzz)[A-Z][A-Za-z0-9_]*)")

// TestCitedTestsExist: every test, benchmark or example that a Markdown
// file or experiments/doc.go names in a code span exists (in the package
// it names, else anywhere), so that the docs never point at a check that
// was renamed or never written.
func TestCitedTestsExist(t *testing.T) {
	defined := map[string][]string{} // name -> directories defining it
	funcDecl := regexp.MustCompile(`(?m)^func ((?:Test|Benchmark|Example|Fuzz)\w*)\(`)
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && d.Name() == ".git" {
			return filepath.SkipDir
		}
		if d.IsDir() || !strings.HasSuffix(path, "_test.go") {
			return nil
		}
		data, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		for _, m := range funcDecl.FindAllStringSubmatch(string(data), -1) {
			defined[m[1]] = append(defined[m[1]], filepath.ToSlash(filepath.Dir(path)))
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	files := append(markdownFiles(t), filepath.Join(root, "experiments", "doc.go"))
	cited := 0
	for _, file := range files {
		data, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		for n, line := range strings.Split(string(data), "\n") {
			for _, m := range citedTest.FindAllStringSubmatch(line, -1) {
				pkg, name := m[1], m[2]
				cited++
				dirs, ok := defined[name]
				if ok && pkg != "" {
					ok = false
					for _, d := range dirs {
						if filepath.Base(d) == pkg {
							ok = true
						}
					}
				}
				if !ok {
					where := filepath.ToSlash(strings.TrimPrefix(file, root+string(filepath.Separator))) + ":" + itoa(n+1)
					t.Errorf("%s cites %s, which no _test.go file defines", where, strings.TrimPrefix(pkg+"."+name, "."))
				}
			}
		}
	}
	t.Logf("%d citations checked", cited)
	if cited < 10 {
		t.Errorf("only %d citations of tests found: the pattern misses them", cited)
	}
}
