"""Generate python/syntax's Unicode tables from CPython's unicodedata.

    python3.12 unicode_gen.py     (go generate runs it)

writes unicode_tables.go (identifier characters, NFKC normalization) and
unicode_names.txt.gz (character names and aliases for "\\N{...}"). It needs
the Unicode version of Python 3.12 (15.0.0), which is also Go's; it checks
every entry against unicodedata, so the tables hold what CPython 3.12 does.
"""

import gzip
import sys
import unicodedata

if unicodedata.unidata_version != "15.0.0":
    sys.exit("unicode_gen.py needs Unicode 15.0.0 (Python 3.12), this Python has " + unicodedata.unidata_version)


def ranges(pred):
    out = []
    start = None
    for c in range(0x110001):
        ok = c <= 0x10FFFF and pred(c)
        if ok and start is None:
            start = c
        elif not ok and start is not None:
            out.append((start, c - 1))
            start = None
    return out


def is_surrogate(c):
    return 0xD800 <= c <= 0xDFFF


xid_start = ranges(lambda c: not is_surrogate(c) and c != ord("_") and chr(c).isidentifier())
xid_continue = ranges(lambda c: not is_surrogate(c) and ("a" + chr(c)).isidentifier())

# NFKC data: the full compatibility decomposition of each character that
# has one (Hangul syllables are done by algorithm), canonical combining
# classes, and the primary composites.
decomp = {}
ccc = {}
comp = {}
for c in range(0x110000):
    if is_surrogate(c) or 0xAC00 <= c <= 0xD7A3:
        continue
    ch = chr(c)
    d = unicodedata.normalize("NFKD", ch)
    if d != ch:
        decomp[c] = [ord(x) for x in d]
    k = unicodedata.combining(ch)
    if k:
        ccc[c] = k
    dec = unicodedata.decomposition(ch).split()
    if len(dec) == 2 and not dec[0].startswith("<"):
        a, b = chr(int(dec[0], 16)), chr(int(dec[1], 16))
        if unicodedata.normalize("NFC", a + b) == ch:
            comp[(ord(a), ord(b))] = c

# Names: every named character that unicodedata.lookup (the function
# behind "\\N{...}") finds, except the CJK unified ideographs and Hangul
# syllables, which it names by algorithm and rwgil too.
CJK = "CJK UNIFIED IDEOGRAPH-"
names = []
cjk = []
for c in range(0x110000):
    n = unicodedata.name(chr(c), None)
    if n is None or n.startswith("HANGUL SYLLABLE "):
        continue
    try:
        if unicodedata.lookup(n) != chr(c):
            continue
    except KeyError:
        continue
    if n == CJK + "%X" % c:
        cjk.append(c)
    else:
        names.append("%X;%s" % (c, n))
cjk_ranges = []
for c in cjk:
    if cjk_ranges and cjk_ranges[-1][1] == c - 1:
        cjk_ranges[-1][1] = c
    else:
        cjk_ranges.append([c, c])

# Aliases (NameAliases.txt): candidates, kept where unicodedata.lookup
# resolves them to the same character.
CONTROL_ALIASES = """0000 NULL|NUL;0001 START OF HEADING|SOH;0002 START OF TEXT|STX;0003 END OF TEXT|ETX;
0004 END OF TRANSMISSION|EOT;0005 ENQUIRY|ENQ;0006 ACKNOWLEDGE|ACK;0007 ALERT|BEL;0008 BACKSPACE|BS;
0009 CHARACTER TABULATION|HORIZONTAL TABULATION|HT|TAB;000A LINE FEED|NEW LINE|END OF LINE|LF|NL|EOL;
000B LINE TABULATION|VERTICAL TABULATION|VT;000C FORM FEED|FF;000D CARRIAGE RETURN|CR;
000E SHIFT OUT|LOCKING-SHIFT ONE|SO;000F SHIFT IN|LOCKING-SHIFT ZERO|SI;0010 DATA LINK ESCAPE|DLE;
0011 DEVICE CONTROL ONE|DC1;0012 DEVICE CONTROL TWO|DC2;0013 DEVICE CONTROL THREE|DC3;
0014 DEVICE CONTROL FOUR|DC4;0015 NEGATIVE ACKNOWLEDGE|NAK;0016 SYNCHRONOUS IDLE|SYN;
0017 END OF TRANSMISSION BLOCK|ETB;0018 CANCEL|CAN;0019 END OF MEDIUM|EOM;001A SUBSTITUTE|SUB;
001B ESCAPE|ESC;001C INFORMATION SEPARATOR FOUR|FILE SEPARATOR|FS;
001D INFORMATION SEPARATOR THREE|GROUP SEPARATOR|GS;001E INFORMATION SEPARATOR TWO|RECORD SEPARATOR|RS;
001F INFORMATION SEPARATOR ONE|UNIT SEPARATOR|US;0020 SP;007F DELETE|DEL;0080 PADDING CHARACTER|PAD;
0081 HIGH OCTET PRESET|HOP;0082 BREAK PERMITTED HERE|BPH;0083 NO BREAK HERE|NBH;0084 INDEX|IND;
0085 NEXT LINE|NEL;0086 START OF SELECTED AREA|SSA;0087 END OF SELECTED AREA|ESA;
0088 CHARACTER TABULATION SET|HORIZONTAL TABULATION SET|HTS;
0089 CHARACTER TABULATION WITH JUSTIFICATION|HORIZONTAL TABULATION WITH JUSTIFICATION|HTJ;
008A LINE TABULATION SET|VERTICAL TABULATION SET|VTS;008B PARTIAL LINE FORWARD|PARTIAL LINE DOWN|PLD;
008C PARTIAL LINE BACKWARD|PARTIAL LINE UP|PLU;008D REVERSE LINE FEED|REVERSE INDEX|RI;
008E SINGLE SHIFT TWO|SINGLE-SHIFT-2|SS2;008F SINGLE SHIFT THREE|SINGLE-SHIFT-3|SS3;
0090 DEVICE CONTROL STRING|DCS;0091 PRIVATE USE ONE|PRIVATE USE-1|PU1;0092 PRIVATE USE TWO|PRIVATE USE-2|PU2;
0093 SET TRANSMIT STATE|STS;0094 CANCEL CHARACTER|CCH;0095 MESSAGE WAITING|MW;
0096 START OF GUARDED AREA|START OF PROTECTED AREA|SPA;0097 END OF GUARDED AREA|END OF PROTECTED AREA|EPA;
0098 START OF STRING|SOS;0099 SINGLE GRAPHIC CHARACTER INTRODUCER|SGC;009A SINGLE CHARACTER INTRODUCER|SCI;
009B CONTROL SEQUENCE INTRODUCER|CSI;009C STRING TERMINATOR|ST;009D OPERATING SYSTEM COMMAND|OSC;
009E PRIVACY MESSAGE|PM;009F APPLICATION PROGRAM COMMAND|APC;00A0 NBSP;00AD SHY;
01A2 LATIN CAPITAL LETTER GHA;01A3 LATIN SMALL LETTER GHA;034F CGJ;061C ALM;
0709 SYRIAC SUBLINEAR COLON SKEWED LEFT;0CDE KANNADA LETTER LLLA;0E9D LAO LETTER FO FON;
0E9F LAO LETTER FO FAY;0EA3 LAO LETTER RO;0EA5 LAO LETTER LO;0FD0 TIBETAN MARK BKA- SHOG GI MGO RGYAN;
11EC HANGUL JONGSEONG YESIEUNG-KIYEOK;11ED HANGUL JONGSEONG YESIEUNG-SSANGKIYEOK;
11EE HANGUL JONGSEONG SSANGYESIEUNG;11EF HANGUL JONGSEONG YESIEUNG-KHIEUKH;
180B FVS1;180C FVS2;180D FVS3;180E MVS;180F FVS4;1BBD SUNDANESE LETTER ARCHAIC I;200B ZWSP;200C ZWNJ;
200D ZWJ;200E LRM;200F RLM;202A LRE;202B RLE;202C PDF;202D LRO;202E RLO;202F NNBSP;205F MMSP;2060 WJ;
2066 LRI;2067 RLI;2068 FSI;2069 PDI;2118 WEIERSTRASS ELLIPTIC FUNCTION;2448 MICR ON US SYMBOL;
2449 MICR DASH SYMBOL;2B7A LEFTWARDS TRIANGLE-HEADED ARROW WITH DOUBLE VERTICAL STROKE;
2B7C RIGHTWARDS TRIANGLE-HEADED ARROW WITH DOUBLE VERTICAL STROKE;A015 YI SYLLABLE ITERATION MARK;
FE18 PRESENTATION FORM FOR VERTICAL RIGHT WHITE LENTICULAR BRACKET;FEFF BYTE ORDER MARK|BOM|ZWNBSP;
122D4 CUNEIFORM SIGN NU11 TENU;122D5 CUNEIFORM SIGN NU11 OVER NU11 BUR OVER BUR;
16E56 MEDEFAIDRIN CAPITAL LETTER H;16E57 MEDEFAIDRIN CAPITAL LETTER NG;16E76 MEDEFAIDRIN SMALL LETTER H;
16E77 MEDEFAIDRIN SMALL LETTER NG;1B001 HENTAIGANA LETTER E-1;
1D0C5 BYZANTINE MUSICAL SYMBOL FTHORA SKLIRON CHROMA VASIS;E0100 VS17"""
aliases = []
for item in CONTROL_ALIASES.replace("\n", "").split(";"):
    code, _, alts = item.strip().partition(" ")
    for a in alts.split("|"):
        aliases.append((int(code, 16), a))
for i in range(16):
    aliases.append((0xFE00 + i, "VS%d" % (i + 1)))
for i in range(240):
    aliases.append((0xE0100 + i, "VS%d" % (i + 17)))
for c, a in aliases:
    try:
        if unicodedata.lookup(a) == chr(c) and unicodedata.name(chr(c), None) != a:
            names.append("%X;%s" % (c, a))
    except KeyError:
        pass

with open("unicode_names.txt.gz", "wb") as f:
    f.write(gzip.compress(("\n".join(names) + "\n").encode(), 9, mtime=0))


def go_ranges(rs):
    return "".join("{0x%X, 0x%X}, " % tuple(r) for r in rs)


def chunks(items, n=8):
    for i in range(0, len(items), n):
        yield items[i:i + n]


lines = ["// Code generated by unicode_gen.py from CPython %s's unicodedata (Unicode %s). DO NOT EDIT.\n"
         % (sys.version.split()[0], unicodedata.unidata_version), "", "package syntax", ""]
lines.append("// xidStart and xidContinue are the ranges of XID_Start and XID_Continue.")
lines.append("var xidStart = [][2]rune{")
for ch in chunks(xid_start, 6):
    lines.append("\t" + go_ranges(ch).rstrip())
lines.append("}")
lines.append("")
lines.append("var xidContinue = [][2]rune{")
for ch in chunks(xid_continue, 6):
    lines.append("\t" + go_ranges(ch).rstrip())
lines.append("}")
lines.append("")
lines.append("// nfkdTable holds each character's full compatibility decomposition, as")
lines.append("// code point, length, then the characters.")
flat = []
for c in sorted(decomp):
    flat.append(c)
    flat.append(len(decomp[c]))
    flat.extend(decomp[c])
lines.append("var nfkdTable = []rune{")
for ch in chunks(flat, 10):
    lines.append("\t" + ", ".join("0x%X" % x for x in ch) + ",")
lines.append("}")
lines.append("")
lines.append("// cccTable holds the non-zero canonical combining classes, as pairs.")
lines.append("var cccTable = []rune{")
for ch in chunks([x for c in sorted(ccc) for x in (c, ccc[c])], 10):
    lines.append("\t" + ", ".join("0x%X" % x for x in ch) + ",")
lines.append("}")
lines.append("")
lines.append("// compTable holds the primary composites: first, second, composite.")
lines.append("var compTable = []rune{")
for ch in chunks([x for k in sorted(comp) for x in (k[0], k[1], comp[k])], 9):
    lines.append("\t" + ", ".join("0x%X" % x for x in ch) + ",")
lines.append("}")
lines.append("")
lines.append("// cjkUnified are the ranges of \"CJK UNIFIED IDEOGRAPH-XXXX\" characters.")
lines.append("var cjkUnified = [][2]rune{")
for ch in chunks(cjk_ranges, 6):
    lines.append("\t" + go_ranges(ch).rstrip())
lines.append("}")
with open("unicode_tables.go", "w") as f:
    f.write("\n".join(lines) + "\n")
