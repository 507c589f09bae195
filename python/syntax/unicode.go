package syntax

//go:generate sh -c "python3.12 unicode_gen.py && gofmt -w unicode_tables.go"

import (
	"bytes"
	"compress/gzip"
	_ "embed"
	"io"
	"sort"
	"strconv"
	"strings"
	"sync"
)

// The Unicode data Python source needs beyond Go's unicode package:
// identifier characters (XID_Start, XID_Continue), NFKC normalization of
// identifiers, and character names for "\N{...}" escapes. The tables come
// from CPython 3.12's unicodedata (unicode_gen.py), so they agree with it
// character for character.

func inRanges(r rune, table [][2]rune) bool {
	i := sort.Search(len(table), func(i int) bool { return table[i][1] >= r })
	return i < len(table) && table[i][0] <= r
}

// isXIDStart and isXIDContinue are Unicode's XID_Start and XID_Continue,
// which Python's identifiers use (PEP 3131).
func isXIDStart(r rune) bool    { return inRanges(r, xidStart) }
func isXIDContinue(r rune) bool { return inRanges(r, xidContinue) }

var nfkcData struct {
	once   sync.Once
	decomp map[rune][]rune
	ccc    map[rune]uint8
	comp   map[[2]rune]rune
}

func loadNFKC() {
	d := &nfkcData
	d.decomp = make(map[rune][]rune, 6000)
	for i := 0; i < len(nfkdTable); {
		c, n := nfkdTable[i], int(nfkdTable[i+1])
		d.decomp[c] = nfkdTable[i+2 : i+2+n]
		i += 2 + n
	}
	d.ccc = make(map[rune]uint8, len(cccTable)/2)
	for i := 0; i < len(cccTable); i += 2 {
		d.ccc[cccTable[i]] = uint8(cccTable[i+1])
	}
	d.comp = make(map[[2]rune]rune, len(compTable)/3)
	for i := 0; i < len(compTable); i += 3 {
		d.comp[[2]rune{compTable[i], compTable[i+1]}] = compTable[i+2]
	}
}

const (
	hangulS = 0xAC00
	hangulL = 0x1100
	hangulV = 0x1161
	hangulT = 0x11A7
	nL      = 19
	nV      = 21
	nT      = 28
	nS      = nL * nV * nT
)

// nfkc normalizes s to Unicode normalization form KC, as Python's
// unicodedata.normalize("NFKC", s) does.
func nfkc(s string) string {
	nfkcData.once.Do(loadNFKC)
	d := &nfkcData
	// Full compatibility decomposition.
	var out []rune
	for _, r := range s {
		if r >= hangulS && r < hangulS+nS {
			i := r - hangulS
			out = append(out, hangulL+i/(nV*nT), hangulV+(i%(nV*nT))/nT)
			if t := i % nT; t != 0 {
				out = append(out, hangulT+t)
			}
			continue
		}
		if dec, ok := d.decomp[r]; ok {
			out = append(out, dec...)
			continue
		}
		out = append(out, r)
	}
	// Canonical ordering: stable sort of each run of non-starters.
	for i := 0; i < len(out); {
		if d.ccc[out[i]] == 0 {
			i++
			continue
		}
		j := i
		for j < len(out) && d.ccc[out[j]] != 0 {
			j++
		}
		run := out[i:j]
		sort.SliceStable(run, func(a, b int) bool { return d.ccc[run[a]] < d.ccc[run[b]] })
		i = j
	}
	// Canonical composition.
	if len(out) == 0 {
		return ""
	}
	starter := -1
	var lastCCC uint8
	res := out[:0:0]
	for _, r := range out {
		c := d.ccc[r]
		if starter >= 0 {
			st := res[starter]
			blocked := len(res)-1 > starter && (lastCCC == 0 || lastCCC >= c)
			if !blocked {
				// Hangul LV and LVT.
				if st >= hangulL && st < hangulL+nL && r >= hangulV && r < hangulV+nV && len(res)-1 == starter {
					res[starter] = hangulS + ((st-hangulL)*nV+(r-hangulV))*nT
					continue
				}
				if st >= hangulS && st < hangulS+nS && (st-hangulS)%nT == 0 && r > hangulT && r < hangulT+nT && len(res)-1 == starter {
					res[starter] = st + (r - hangulT)
					continue
				}
				if comp, ok := d.comp[[2]rune{st, r}]; ok {
					res[starter] = comp
					continue
				}
			}
		}
		if c == 0 {
			starter = len(res)
			lastCCC = 0
		} else {
			lastCCC = c
		}
		res = append(res, r)
	}
	return string(res)
}

//go:embed unicode_names.txt.gz
var namesGz []byte

var namesData struct {
	once  sync.Once
	names map[string]rune
}

func loadNames() {
	m := make(map[string]rune, 40000)
	zr, err := gzip.NewReader(bytes.NewReader(namesGz))
	if err != nil {
		panic("python/syntax: unicode_names.txt.gz: " + err.Error())
	}
	data, err := io.ReadAll(zr)
	if err != nil {
		panic("python/syntax: unicode_names.txt.gz: " + err.Error())
	}
	for _, line := range strings.Split(string(data), "\n") {
		code, name, ok := strings.Cut(line, ";")
		if !ok {
			continue
		}
		c, _ := strconv.ParseUint(code, 16, 32)
		m[name] = rune(c)
	}
	namesData.names = m
}

var jamoL = []string{"G", "GG", "N", "D", "DD", "R", "M", "B", "BB", "S", "SS", "", "J", "JJ", "C", "K", "T", "P", "H"}
var jamoV = []string{"A", "AE", "YA", "YAE", "EO", "E", "YEO", "YE", "O", "WA", "WAE", "OE", "YO", "U", "WEO", "WE", "WI", "YU", "EU", "YI", "I"}
var jamoT = []string{"", "G", "GG", "GS", "N", "NJ", "NH", "D", "L", "LG", "LM", "LB", "LS", "LT", "LP", "LH", "M", "B", "BS", "S", "SS", "NG", "J", "C", "K", "T", "P", "H"}

// lookupUnicodeName returns the character named name, as the "\N{...}"
// escape finds it: names and aliases match in any case; Hangul syllables
// and CJK unified ideographs are named by algorithm and match in upper
// case only.
func lookupUnicodeName(name string) (rune, bool) {
	if rest, ok := strings.CutPrefix(name, "HANGUL SYLLABLE "); ok {
		if r, ok := hangulByName(rest); ok {
			return r, true
		}
	}
	if hexs, ok := strings.CutPrefix(name, "CJK UNIFIED IDEOGRAPH-"); ok && (len(hexs) == 4 || len(hexs) == 5) {
		v := rune(0)
		good := true
		for i := 0; i < len(hexs); i++ {
			c := hexs[i]
			switch {
			case c >= '0' && c <= '9':
				v = v<<4 + rune(c-'0')
			case c >= 'A' && c <= 'F':
				v = v<<4 + rune(c-'A') + 10
			default:
				good = false
			}
		}
		if good && inRanges(v, cjkUnified) {
			return v, true
		}
	}
	namesData.once.Do(loadNames)
	r, ok := namesData.names[strings.ToUpper(name)]
	return r, ok
}

func hangulByName(s string) (rune, bool) {
	// The longest matching initial, medial and final jamo names.
	match := func(s string, list []string) (int, int) {
		best, n := -1, -1
		for i, j := range list {
			if strings.HasPrefix(s, j) && len(j) > n {
				best, n = i, len(j)
			}
		}
		return best, n
	}
	l, n := match(s, jamoL)
	if l < 0 {
		return 0, false
	}
	s = s[n:]
	v, n := match(s, jamoV)
	if v < 0 {
		return 0, false
	}
	s = s[n:]
	t, n := match(s, jamoT)
	if t < 0 || n != len(s) {
		return 0, false
	}
	return hangulS + rune((l*nV+v)*nT+t), true
}
