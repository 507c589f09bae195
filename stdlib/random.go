package stdlib

import (
	"crypto/sha512"
	"math"
	"math/big"

	"github.com/rwgil/rwgil/core"
)

// The random module: CPython's Mersenne Twister (MT19937, _random.c) and
// the algorithms of its random.py on top, so that a seeded sequence is
// CPython's, draw for draw: seed(int) by init_by_array of the int's
// 32-bit words, seed(str, bytes, bytearray) by the int of the data
// followed by its SHA-512 (version 2), random() from two 32-bit words,
// getrandbits, and randrange, randint, choice, shuffle and sample through
// _randbelow's rejection of getrandbits(n.bit_length()).
//
// random.Random is a class Python can subclass: a subclass that defines
// random(), getrandbits() or _randbelow() gets them used by the other
// methods, as CPython's __init_subclass__ arranges. Each instance has its
// own generator state, kept off its __dict__ and changed only inside the
// instance's critical section, so that two threads drawing from one
// generator (the module's functions share a hidden instance) never see
// or leave it half updated: under every policy, free included, each draw
// is atomic -- a randrange's whole rejection loop included, where CPython
// makes only each getrandbits atomic.
//
// Differences from CPython: the distributions that take logarithms,
// exponentials and cosines (gauss, gammavariate, ...) use Go's math
// functions, which may differ from the C library's in the last bit;
// seed's version=1 is not supported.

func init() { add("random", loadRandom) }

const mtN, mtM = 624, 397

// mt19937 is the generator's state, as _random.c keeps it.
type mt19937 struct {
	mt    [mtN]uint32
	index int
}

func (s *mt19937) initGenrand(seed uint32) {
	s.mt[0] = seed
	for i := 1; i < mtN; i++ {
		s.mt[i] = 1812433253*(s.mt[i-1]^(s.mt[i-1]>>30)) + uint32(i)
	}
	s.index = mtN
}

func (s *mt19937) initByArray(key []uint32) {
	s.initGenrand(19650218)
	i, j := 1, 0
	for k := max(mtN, len(key)); k > 0; k-- {
		s.mt[i] = (s.mt[i] ^ ((s.mt[i-1] ^ (s.mt[i-1] >> 30)) * 1664525)) + key[j] + uint32(j)
		i++
		j++
		if i >= mtN {
			s.mt[0] = s.mt[mtN-1]
			i = 1
		}
		if j >= len(key) {
			j = 0
		}
	}
	for k := mtN - 1; k > 0; k-- {
		s.mt[i] = (s.mt[i] ^ ((s.mt[i-1] ^ (s.mt[i-1] >> 30)) * 1566083941)) - uint32(i)
		i++
		if i >= mtN {
			s.mt[0] = s.mt[mtN-1]
			i = 1
		}
	}
	s.mt[0] = 0x80000000
}

func (s *mt19937) genrand() uint32 {
	const upper, lower, matrixA = 0x80000000, 0x7fffffff, 0x9908b0df
	mag01 := [2]uint32{0, matrixA}
	if s.index >= mtN {
		var kk int
		for kk = 0; kk < mtN-mtM; kk++ {
			y := s.mt[kk]&upper | s.mt[kk+1]&lower
			s.mt[kk] = s.mt[kk+mtM] ^ (y >> 1) ^ mag01[y&1]
		}
		for ; kk < mtN-1; kk++ {
			y := s.mt[kk]&upper | s.mt[kk+1]&lower
			s.mt[kk] = s.mt[kk+(mtM-mtN)] ^ (y >> 1) ^ mag01[y&1]
		}
		y := s.mt[mtN-1]&upper | s.mt[0]&lower
		s.mt[mtN-1] = s.mt[mtM-1] ^ (y >> 1) ^ mag01[y&1]
		s.index = 0
	}
	y := s.mt[s.index]
	s.index++
	y ^= y >> 11
	y ^= (y << 7) & 0x9d2c5680
	y ^= (y << 15) & 0xefc60000
	y ^= y >> 18
	return y
}

// random is random_random: 53 random bits from two words.
func (s *mt19937) random() float64 {
	a, b := s.genrand()>>5, s.genrand()>>6
	return (float64(a)*67108864.0 + float64(b)) * (1.0 / 9007199254740992.0)
}

// getrandbits is random_getrandbits: k bits from ceil(k/32) words, the
// first word the least significant, the last one's low bits dropped.
func (s *mt19937) getrandbits(k int) *big.Int {
	if k <= 64 {
		return new(big.Int).SetUint64(s.bits64(k))
	}
	words := make([]big.Word, 0, (k+63)/64)
	var cur uint64
	shift := 0
	for ; k > 0; k -= 32 {
		r := s.genrand()
		if k < 32 {
			r >>= 32 - k
		}
		cur |= uint64(r) << shift
		if shift += 32; shift == 64 {
			words = append(words, big.Word(cur))
			cur, shift = 0, 0
		}
	}
	if shift > 0 {
		words = append(words, big.Word(cur))
	}
	return new(big.Int).SetBits(words)
}

// bits64 is getrandbits(k) for 0 <= k <= 64.
func (s *mt19937) bits64(k int) uint64 {
	switch {
	case k == 0:
		return 0
	case k <= 32:
		return uint64(s.genrand() >> (32 - k))
	}
	lo := uint64(s.genrand())
	return lo | uint64(s.genrand()>>(64-k))<<32
}

// randbelow is _randbelow_with_getrandbits for n > 0.
func (s *mt19937) randbelow(n *big.Int) *big.Int {
	k := n.BitLen()
	if n.IsUint64() {
		u := n.Uint64()
		r := s.bits64(k)
		for r >= u {
			r = s.bits64(k)
		}
		return new(big.Int).SetUint64(r)
	}
	r := s.getrandbits(k)
	for r.Cmp(n) >= 0 {
		r = s.getrandbits(k)
	}
	return r
}

// seedInt is random_seed for an int: init_by_array of the 32-bit words
// of |n|, least significant first (one zero word for 0).
func (s *mt19937) seedInt(n *big.Int) {
	n = new(big.Int).Abs(n)
	var key []uint32
	for _, w := range n.Bits() {
		key = append(key, uint32(w), uint32(uint64(w)>>32))
	}
	used := 1
	if bits := n.BitLen(); bits > 0 {
		used = (bits-1)/32 + 1
	}
	for len(key) < used {
		key = append(key, 0)
	}
	s.initByArray(key[:used])
}

// seedOS seeds from the operating system's randomness, as seed(None).
func (s *mt19937) seedOS() {
	buf := make([]byte, 4*mtN)
	if osRandom(buf) != nil {
		panic("random: no operating system randomness")
	}
	key := make([]uint32, mtN)
	for i := range key {
		key[i] = uint32(buf[4*i]) | uint32(buf[4*i+1])<<8 | uint32(buf[4*i+2])<<16 | uint32(buf[4*i+3])<<24
	}
	s.initByArray(key)
}

// randomStates holds each Random instance's generator.
var randomStates hiddenState[*mt19937]

// randomClass is the random module of one runtime: its Random class and
// the methods the fast paths recognise.
type randomClass struct {
	cls *core.Type
	// own are the class's own method objects, by name: a subclass
	// overrides random() if its lookup finds another object.
	own map[string]core.Object
	// hidden is the instance behind the module's functions, and
	// hiddenState its generator: looked up without randomStates.
	hidden      *core.Instance
	hiddenState *mt19937
}

// state returns self's generator (a new one seeded from the operating
// system if self's __init__ never seeded it, as CPython's __new__
// does), or TypeError if self is not a Random.
func (rc *randomClass) state(th *core.Thread, fname string, self core.Object) (*core.Instance, *mt19937, error) {
	inst, ok := self.(*core.Instance)
	if ok && inst == rc.hidden {
		return inst, rc.hiddenState, nil
	}
	if !ok || !inst.Type().IsSubtype(rc.cls) {
		return nil, nil, th.Raisef(th.RaiseType("TypeError"), "descriptor '%s' for '_random.Random' objects doesn't apply to a '%s' object", fname, self.Type().Name())
	}
	s := randomStates.getOrInit(inst, func() *mt19937 {
		s := new(mt19937)
		s.seedOS()
		return s
	})
	return inst, s, nil
}

// locked runs fn on self's generator in self's critical section.
func (rc *randomClass) locked(th *core.Thread, fname string, self core.Object, fn func(s *mt19937) error) error {
	inst, s, err := rc.state(th, fname, self)
	if err != nil {
		return err
	}
	return th.CriticalSection(inst, func() error { return fn(s) })
}

// override is which of random(), getrandbits() and _randbelow() a
// subclass defines first along its MRO ("" for none: Random's own), as
// Random.__init_subclass__ chooses _randbelow.
func (rc *randomClass) override(th *core.Thread, self core.Object) (string, error) {
	t := self.Type()
	if t == rc.cls {
		return "", nil
	}
	for _, c := range t.MRO() {
		if c == rc.cls {
			return "", nil
		}
		d, err := th.GetAttr(c, "__dict__")
		if err != nil {
			return "", err
		}
		for _, name := range []string{"_randbelow", "getrandbits", "random"} {
			key := th.NewStr(name)
			in, err := th.Contains(d, key)
			th.Decref(key)
			if err != nil {
				th.Decref(d)
				return "", err
			}
			if in {
				th.Decref(d)
				return name, nil
			}
		}
		th.Decref(d)
	}
	return "", nil
}

// definesRandom reports whether self's class overrides random().
func (rc *randomClass) definesRandom(th *core.Thread, self core.Object) (bool, error) {
	if self.Type() == rc.cls {
		return false, nil
	}
	fn, err := th.GetAttr(self.Type(), "random")
	if err != nil {
		return false, err
	}
	th.Decref(fn)
	return fn != rc.own["random"], nil
}

// random is self.random(): the generator's, or a subclass's override.
func (rc *randomClass) random(th *core.Thread, self core.Object) (float64, error) {
	over, err := rc.definesRandom(th, self)
	if err != nil {
		return 0, err
	}
	if over {
		r, err := th.CallMethod(self, "random")
		if err != nil {
			return 0, err
		}
		defer th.Decref(r)
		return toFloat(th, r)
	}
	var f float64
	err = rc.locked(th, "random", self, func(s *mt19937) error {
		f = s.random()
		return nil
	})
	return f, err
}

// randbelow is self._randbelow(n) for n > 0, choosing as CPython does.
func (rc *randomClass) randbelow(th *core.Thread, self core.Object, n *big.Int) (*big.Int, error) {
	over, err := rc.override(th, self)
	if err != nil {
		return nil, err
	}
	switch over {
	case "_randbelow":
		arg := th.NewBigInt(n)
		defer th.Decref(arg)
		r, err := th.CallMethod(self, "_randbelow", arg)
		if err != nil {
			return nil, err
		}
		defer th.Decref(r)
		return bigIndex(th, r)
	case "getrandbits":
		k := th.NewInt(int64(n.BitLen()))
		defer th.Decref(k)
		for {
			r, err := th.CallMethod(self, "getrandbits", k)
			if err != nil {
				return nil, err
			}
			v, err := bigIndex(th, r)
			th.Decref(r)
			if err != nil {
				return nil, err
			}
			if v.Cmp(n) < 0 {
				return v, nil
			}
		}
	case "random":
		// _randbelow_without_getrandbits, with random()'s 53 bits.
		const maxsize = 1 << 53
		if !n.IsInt64() || n.Int64() >= maxsize {
			r, err := rc.random(th, self)
			if err != nil {
				return nil, err
			}
			f, _ := new(big.Float).Mul(big.NewFloat(r), new(big.Float).SetInt(n)).Int(nil)
			return f, nil
		}
		nn := n.Int64()
		limit := float64(maxsize-maxsize%nn) / maxsize
		for {
			r, err := rc.random(th, self)
			if err != nil {
				return nil, err
			}
			if r < limit {
				return big.NewInt(int64(math.Floor(r*maxsize)) % nn), nil
			}
		}
	}
	var r *big.Int
	err = rc.locked(th, "_randbelow", self, func(s *mt19937) error {
		r = s.randbelow(n)
		return nil
	})
	return r, err
}

// randbelowInt is randbelow for a Go int bound.
func (rc *randomClass) randbelowInt(th *core.Thread, self core.Object, n int) (int, error) {
	r, err := rc.randbelow(th, self, big.NewInt(int64(n)))
	if err != nil {
		return 0, err
	}
	return int(r.Int64()), nil
}

// seed is the C part of seed(a) for a that random.py has turned into
// None, an int or a float (hashed, as CPython does).
func (rc *randomClass) seed(th *core.Thread, self, a core.Object) error {
	var n *big.Int
	switch x := a.(type) {
	case nil:
	case *core.Int, *core.Bool:
		b, err := bigIndex(th, x)
		if err != nil {
			return err
		}
		n = b
	default:
		if a != th.Runtime().None {
			h, err := th.Hash(a)
			if err != nil {
				return err
			}
			n = new(big.Int).SetUint64(uint64(h))
		}
	}
	return rc.locked(th, "seed", self, func(s *mt19937) error {
		if n == nil {
			s.seedOS()
		} else {
			s.seedInt(n)
		}
		return nil
	})
}

func loadRandom(th *core.Thread, name string) (*core.Module, error) {
	rc := &randomClass{own: map[string]core.Object{}}
	ns := th.NewDict()
	defer th.Decref(ns)
	methods := append(rc.methods(), rc.distributions()...)
	for _, f := range methods {
		b := th.NewMethod(f.name, f.fn)
		err := th.DictSetStr(ns, f.name, b)
		th.Decref(b) // the class's dict keeps it, as long as the module
		if err != nil {
			return nil, err
		}
		rc.own[f.name] = b
	}
	if err := setOwned(th, ns, "VERSION", th.NewInt(3)); err != nil {
		return nil, err
	}
	cls, err := th.NewClass("Random", nil, ns, "random")
	if err != nil {
		return nil, err
	}
	rc.cls = cls
	m := th.NewModule(name)
	d := m.Dict()
	fail := func(err error) (*core.Module, error) {
		th.Decref(m)
		return nil, err
	}
	if err := setOwned(th, d, "Random", cls); err != nil {
		return fail(err)
	}
	sysNS := th.NewDict()
	defer th.Decref(sysNS)
	for _, f := range systemRandomMethods() {
		b := th.NewMethod(f.name, f.fn)
		err := th.DictSetStr(sysNS, f.name, b)
		th.Decref(b)
		if err != nil {
			return fail(err)
		}
	}
	sysCls, err := th.NewClass("SystemRandom", []*core.Type{cls}, sysNS, "random")
	if err != nil {
		return fail(err)
	}
	if err := setOwned(th, d, "SystemRandom", sysCls); err != nil {
		return fail(err)
	}
	inst, err := th.Call(cls, nil, nil)
	if err != nil {
		return fail(err)
	}
	defer th.Decref(inst)
	if err := th.DictSetStr(d, "_inst", inst); err != nil {
		return fail(err)
	}
	hidden := inst.(*core.Instance)
	_, rc.hiddenState, _ = rc.state(th, "random", hidden)
	rc.hidden = hidden
	for _, f := range methods {
		if f.name[0] == '_' {
			continue
		}
		bound, err := th.GetAttr(inst, f.name)
		if err != nil {
			return fail(err)
		}
		if err := setOwned(th, d, f.name, bound); err != nil {
			return fail(err)
		}
	}
	return m, nil
}

// methods are Random's methods. Each gets self as args[0].
func (rc *randomClass) methods() []nativeFunc {
	typeErr := func(th *core.Thread) *core.Type { return th.RaiseType("TypeError") }
	valueErr := func(th *core.Thread) *core.Type { return th.RaiseType("ValueError") }
	sig := func(name string, npos, required int, names ...string) *signature {
		return &signature{name: "Random." + name, names: names, npos: npos, required: required, python: true, self: 1}
	}
	noArgs := func(name string, args []core.Object, kw map[string]core.Object, th *core.Thread) error {
		if len(kw) > 0 {
			return th.Raisef(typeErr(th), "Random.%s() takes no keyword arguments", name)
		}
		if len(args) != 1 {
			return th.Raisef(typeErr(th), "Random.%s() takes no arguments (%d given)", name, len(args)-1)
		}
		return nil
	}
	initSig := sig("__init__", 1, 0, "x")
	seedSig := sig("seed", 2, 0, "a", "version")
	randrangeSig := sig("randrange", 3, 1, "start", "stop", "step")
	randintSig := sig("randint", 2, 2, "a", "b")
	choiceSig := sig("choice", 1, 1, "seq")
	shuffleSig := sig("shuffle", 1, 1, "x")
	sampleSig := sig("sample", 2, 2, "population", "k", "counts")
	choicesSig := sig("choices", 2, 1, "population", "weights", "cum_weights", "k")
	uniformSig := sig("uniform", 2, 2, "a", "b")
	triangularSig := sig("triangular", 3, 0, "low", "high", "mode")
	gaussSig := sig("gauss", 2, 0, "mu", "sigma")
	normalSig := sig("normalvariate", 2, 0, "mu", "sigma")
	lognormSig := sig("lognormvariate", 2, 2, "mu", "sigma")
	expoSig := sig("expovariate", 1, 0, "lambd")
	setstateSig := sig("setstate", 1, 1, "state")
	randbytesSig := sig("randbytes", 1, 1, "n")
	none := func(th *core.Thread) core.Object { return th.Runtime().None }
	floatArg := func(th *core.Thread, o core.Object, def float64) (float64, error) {
		if o == nil {
			return def, nil
		}
		return toFloat(th, o)
	}
	return []nativeFunc{
		{"__init__", func(th *core.Thread, args []core.Object, kw map[string]core.Object) (core.Object, error) {
			a, err := initSig.bind(th, args[1:], kw)
			if err != nil {
				return nil, err
			}
			x := a[0]
			if x == nil {
				x = none(th)
			}
			r, err := th.CallMethod(args[0], "seed", x)
			if err != nil {
				return nil, err
			}
			th.Decref(r)
			return none(th), th.SetAttr(args[0], "gauss_next", none(th))
		}},
		{"seed", func(th *core.Thread, args []core.Object, kw map[string]core.Object) (core.Object, error) {
			a, err := seedSig.bind(th, args[1:], kw)
			if err != nil {
				return nil, err
			}
			seed := a[0]
			version := int64(2)
			if a[1] != nil {
				if v, ok := a[1].(*core.Int); ok {
					version, _ = v.Int64()
				} else {
					version = -1
				}
			}
			var data []byte
			switch x := seed.(type) {
			case nil:
			case *core.Str:
				data = []byte(x.String())
			case *core.Bytes:
				data, _ = th.BytesLike(x)
			case *core.Int, *core.Bool, *core.Float:
			default:
				if seed != none(th) {
					return nil, th.Raise(typeErr(th), "The only supported seed types are: None,\nint, float, str, bytes, and bytearray.")
				}
			}
			if data != nil || isStrOrBytes(seed) {
				if version == 1 {
					return nil, th.Raise(valueErr(th), "rwgil's random.seed() does not support version=1")
				}
				if version == 2 {
					sum := sha512.Sum512(data)
					n := new(big.Int).SetBytes(append(append([]byte(nil), data...), sum[:]...))
					seed = th.NewBigInt(n)
					defer th.Decref(seed)
				}
			}
			if err := rc.seed(th, args[0], seed); err != nil {
				return nil, err
			}
			return none(th), th.SetAttr(args[0], "gauss_next", none(th))
		}},
		{"random", func(th *core.Thread, args []core.Object, kw map[string]core.Object) (core.Object, error) {
			if err := noArgs("random", args, kw, th); err != nil {
				return nil, err
			}
			var f float64
			err := rc.locked(th, "random", args[0], func(s *mt19937) error {
				f = s.random()
				return nil
			})
			if err != nil {
				return nil, err
			}
			return th.NewFloat(f), nil
		}},
		{"getrandbits", func(th *core.Thread, args []core.Object, kw map[string]core.Object) (core.Object, error) {
			if len(kw) > 0 {
				return nil, th.Raise(typeErr(th), "Random.getrandbits() takes no keyword arguments")
			}
			if len(args) != 2 {
				return nil, th.Raisef(typeErr(th), "Random.getrandbits() takes exactly one argument (%d given)", len(args)-1)
			}
			kb, err := bigIndex(th, args[1])
			if err != nil {
				return nil, err
			}
			if !kb.IsInt64() || kb.Int64() > math.MaxInt32 || kb.Int64() < math.MinInt32 {
				return nil, th.Raise(th.RaiseType("OverflowError"), "Python int too large to convert to C int")
			}
			k := int(kb.Int64())
			if k < 0 {
				return nil, th.Raise(valueErr(th), "number of bits must be non-negative")
			}
			var r *big.Int
			err = rc.locked(th, "getrandbits", args[0], func(s *mt19937) error {
				r = s.getrandbits(k)
				return nil
			})
			if err != nil {
				return nil, err
			}
			return th.NewBigInt(r), nil
		}},
		{"_randbelow", func(th *core.Thread, args []core.Object, kw map[string]core.Object) (core.Object, error) {
			a, err := sig("_randbelow", 1, 1, "n").bind(th, args[1:], kw)
			if err != nil {
				return nil, err
			}
			n, err := bigIndex(th, a[0])
			if err != nil {
				return nil, err
			}
			if n.Sign() <= 0 {
				return th.NewInt(0), nil
			}
			var r *big.Int
			err = rc.locked(th, "_randbelow", args[0], func(s *mt19937) error {
				r = s.randbelow(n)
				return nil
			})
			if err != nil {
				return nil, err
			}
			return th.NewBigInt(r), nil
		}},
		{"getstate", func(th *core.Thread, args []core.Object, kw map[string]core.Object) (core.Object, error) {
			if err := noArgs("getstate", args, kw, th); err != nil {
				return nil, err
			}
			var words [mtN + 1]int64
			err := rc.locked(th, "getstate", args[0], func(s *mt19937) error {
				for i, w := range s.mt {
					words[i] = int64(w)
				}
				words[mtN] = int64(s.index)
				return nil
			})
			if err != nil {
				return nil, err
			}
			items := make([]core.Object, len(words))
			for i, w := range words {
				items[i] = th.NewInt(w)
			}
			gn, err := th.GetAttr(args[0], "gauss_next")
			if err != nil {
				if !core.IsExceptionNamed(err, "AttributeError") {
					th.Decref(th.NewTuple(items))
					return nil, err
				}
				th.Discard(err)
				gn = none(th)
			}
			return th.NewTuple([]core.Object{th.NewInt(3), th.NewTuple(items), gn}), nil
		}},
		{"setstate", func(th *core.Thread, args []core.Object, kw map[string]core.Object) (core.Object, error) {
			a, err := setstateSig.bind(th, args[1:], kw)
			if err != nil {
				return nil, err
			}
			return rc.setstate(th, args[0], a[0])
		}},
		{"randbytes", func(th *core.Thread, args []core.Object, kw map[string]core.Object) (core.Object, error) {
			a, err := randbytesSig.bind(th, args[1:], kw)
			if err != nil {
				return nil, err
			}
			n, err := th.IntArg("randbytes", a[0])
			if err != nil {
				return nil, err
			}
			if n < 0 {
				return nil, th.Raise(valueErr(th), "number of bits must be non-negative")
			}
			k := th.NewInt(n * 8)
			defer th.Decref(k)
			r, err := th.CallMethod(args[0], "getrandbits", k)
			if err != nil {
				return nil, err
			}
			defer th.Decref(r)
			v, err := bigIndex(th, r)
			if err != nil {
				return nil, err
			}
			be := v.FillBytes(make([]byte, n))
			for i, j := 0, len(be)-1; i < j; i, j = i+1, j-1 {
				be[i], be[j] = be[j], be[i]
			}
			return th.NewBytes(be), nil
		}},
		{"randrange", func(th *core.Thread, args []core.Object, kw map[string]core.Object) (core.Object, error) {
			a, err := randrangeSig.bind(th, args[1:], kw)
			if err != nil {
				return nil, err
			}
			return rc.randrange(th, args[0], a[0], a[1], a[2])
		}},
		{"randint", func(th *core.Thread, args []core.Object, kw map[string]core.Object) (core.Object, error) {
			a, err := randintSig.bind(th, args[1:], kw)
			if err != nil {
				return nil, err
			}
			one := th.NewInt(1)
			stop, err := th.BinaryOp(core.OpAdd, a[1], one)
			th.Decref(one)
			if err != nil {
				return nil, err
			}
			defer th.Decref(stop)
			if args[0].Type() == rc.cls {
				return rc.randrange(th, args[0], a[0], stop, nil)
			}
			return th.CallMethod(args[0], "randrange", a[0], stop)
		}},
		{"choice", func(th *core.Thread, args []core.Object, kw map[string]core.Object) (core.Object, error) {
			a, err := choiceSig.bind(th, args[1:], kw)
			if err != nil {
				return nil, err
			}
			n, err := th.Len(a[0])
			if err != nil {
				return nil, err
			}
			if n == 0 {
				return nil, th.Raise(th.RaiseType("IndexError"), "Cannot choose from an empty sequence")
			}
			i, err := rc.randbelowInt(th, args[0], n)
			if err != nil {
				return nil, err
			}
			return getIndex(th, a[0], i)
		}},
		{"shuffle", func(th *core.Thread, args []core.Object, kw map[string]core.Object) (core.Object, error) {
			a, err := shuffleSig.bind(th, args[1:], kw)
			if err != nil {
				return nil, err
			}
			x := a[0]
			n, err := th.Len(x)
			if err != nil {
				return nil, err
			}
			for i := n - 1; i >= 1; i-- {
				j, err := rc.randbelowInt(th, args[0], i+1)
				if err != nil {
					return nil, err
				}
				if err := swapItems(th, x, i, j); err != nil {
					return nil, err
				}
			}
			return none(th), nil
		}},
		{"sample", func(th *core.Thread, args []core.Object, kw map[string]core.Object) (core.Object, error) {
			a, err := sampleSig.bind(th, args[1:], kw)
			if err != nil {
				return nil, err
			}
			return rc.sample(th, args[0], a[0], a[1], a[2])
		}},
		{"choices", func(th *core.Thread, args []core.Object, kw map[string]core.Object) (core.Object, error) {
			a, err := choicesSig.bind(th, args[1:], kw)
			if err != nil {
				return nil, err
			}
			return rc.choices(th, args[0], a[0], a[1], a[2], a[3])
		}},
		{"uniform", func(th *core.Thread, args []core.Object, kw map[string]core.Object) (core.Object, error) {
			a, err := uniformSig.bind(th, args[1:], kw)
			if err != nil {
				return nil, err
			}
			r, err := rc.random(th, args[0])
			if err != nil {
				return nil, err
			}
			// a + (b - a) * random(), with Python's arithmetic.
			d, err := th.BinaryOp(core.OpSub, a[1], a[0])
			if err != nil {
				return nil, err
			}
			rf := th.NewFloat(r)
			p, err := th.BinaryOp(core.OpMul, d, rf)
			th.Decref(d)
			th.Decref(rf)
			if err != nil {
				return nil, err
			}
			defer th.Decref(p)
			return th.BinaryOp(core.OpAdd, a[0], p)
		}},
		{"triangular", func(th *core.Thread, args []core.Object, kw map[string]core.Object) (core.Object, error) {
			a, err := triangularSig.bind(th, args[1:], kw)
			if err != nil {
				return nil, err
			}
			u, err := rc.random(th, args[0])
			if err != nil {
				return nil, err
			}
			low, err := floatArg(th, a[0], 0)
			if err != nil {
				return nil, err
			}
			high, err := floatArg(th, a[1], 1)
			if err != nil {
				return nil, err
			}
			c := 0.5
			if !isNone(th, a[2]) {
				mode, err := toFloat(th, a[2])
				if err != nil {
					return nil, err
				}
				if high == low {
					return th.NewFloat(low), nil
				}
				c = (mode - low) / (high - low)
			}
			if u > c {
				u, c = 1-u, 1-c
				low, high = high, low
			}
			return th.NewFloat(low + (high-low)*math.Sqrt(u*c)), nil
		}},
		{"gauss", func(th *core.Thread, args []core.Object, kw map[string]core.Object) (core.Object, error) {
			a, err := gaussSig.bind(th, args[1:], kw)
			if err != nil {
				return nil, err
			}
			mu, err := floatArg(th, a[0], 0)
			if err != nil {
				return nil, err
			}
			sigma, err := floatArg(th, a[1], 1)
			if err != nil {
				return nil, err
			}
			self := args[0]
			zo, err := th.GetAttr(self, "gauss_next")
			if err != nil {
				return nil, err
			}
			if err := th.SetAttr(self, "gauss_next", none(th)); err != nil {
				th.Decref(zo)
				return nil, err
			}
			var z float64
			if zo == none(th) {
				x, err := rc.random(th, self)
				if err != nil {
					return nil, err
				}
				y, err := rc.random(th, self)
				if err != nil {
					return nil, err
				}
				x2pi := x * 2 * math.Pi
				g2rad := math.Sqrt(-2 * math.Log(1-y))
				z = math.Cos(x2pi) * g2rad
				next := th.NewFloat(math.Sin(x2pi) * g2rad)
				err = th.SetAttr(self, "gauss_next", next)
				th.Decref(next)
				if err != nil {
					return nil, err
				}
			} else {
				z, err = toFloat(th, zo)
				th.Decref(zo)
				if err != nil {
					return nil, err
				}
			}
			return th.NewFloat(mu + z*sigma), nil
		}},
		{"normalvariate", func(th *core.Thread, args []core.Object, kw map[string]core.Object) (core.Object, error) {
			a, err := normalSig.bind(th, args[1:], kw)
			if err != nil {
				return nil, err
			}
			return rc.normal(th, args[0], a[0], a[1], false)
		}},
		{"lognormvariate", func(th *core.Thread, args []core.Object, kw map[string]core.Object) (core.Object, error) {
			a, err := lognormSig.bind(th, args[1:], kw)
			if err != nil {
				return nil, err
			}
			return rc.normal(th, args[0], a[0], a[1], true)
		}},
		{"expovariate", func(th *core.Thread, args []core.Object, kw map[string]core.Object) (core.Object, error) {
			a, err := expoSig.bind(th, args[1:], kw)
			if err != nil {
				return nil, err
			}
			lambd, err := floatArg(th, a[0], 1)
			if err != nil {
				return nil, err
			}
			r, err := rc.random(th, args[0])
			if err != nil {
				return nil, err
			}
			if lambd == 0 {
				return nil, th.Raise(th.RaiseType("ZeroDivisionError"), "float division by zero")
			}
			return th.NewFloat(-math.Log(1-r) / lambd), nil
		}},
	}
}

func isStrOrBytes(o core.Object) bool {
	switch o.(type) {
	case *core.Str, *core.Bytes:
		return true
	}
	return false
}

// normal is normalvariate (and lognormvariate: exp of it): Kinderman and
// Monahan's method, as random.py.
func (rc *randomClass) normal(th *core.Thread, self, muO, sigmaO core.Object, logNormal bool) (core.Object, error) {
	mu, sigma := 0.0, 1.0
	var err error
	if muO != nil {
		if mu, err = toFloat(th, muO); err != nil {
			return nil, err
		}
	}
	if sigmaO != nil {
		if sigma, err = toFloat(th, sigmaO); err != nil {
			return nil, err
		}
	}
	nvMagic := 4 * math.Exp(-0.5) / math.Sqrt(2.0)
	var z float64
	for {
		u1, err := rc.random(th, self)
		if err != nil {
			return nil, err
		}
		u2, err := rc.random(th, self)
		if err != nil {
			return nil, err
		}
		u2 = 1 - u2
		z = nvMagic * (u1 - 0.5) / u2
		if z*z/4 <= -math.Log(u2) {
			break
		}
	}
	r := mu + z*sigma
	if logNormal {
		r = math.Exp(r)
	}
	return th.NewFloat(r), nil
}

// getIndex is seq[i].
func getIndex(th *core.Thread, seq core.Object, i int) (core.Object, error) {
	idx := th.NewInt(int64(i))
	defer th.Decref(idx)
	return th.GetItem(seq, idx)
}

// swapItems is x[i], x[j] = x[j], x[i].
func swapItems(th *core.Thread, x core.Object, i, j int) error {
	xj, err := getIndex(th, x, j)
	if err != nil {
		return err
	}
	defer th.Decref(xj)
	xi, err := getIndex(th, x, i)
	if err != nil {
		return err
	}
	defer th.Decref(xi)
	ii, jj := th.NewInt(int64(i)), th.NewInt(int64(j))
	defer th.Decref(ii)
	defer th.Decref(jj)
	if err := th.SetItem(x, ii, xj); err != nil {
		return err
	}
	return th.SetItem(x, jj, xi)
}

// randrange is Random.randrange, as random.py.
func (rc *randomClass) randrange(th *core.Thread, self, start, stop, step core.Object) (core.Object, error) {
	valueErr := th.RaiseType("ValueError")
	istart, err := bigIndex(th, start)
	if err != nil {
		return nil, err
	}
	if isNone(th, stop) {
		if step != nil {
			return nil, th.Raise(th.RaiseType("TypeError"), "Missing a non-None stop argument")
		}
		if istart.Sign() > 0 {
			r, err := rc.randbelow(th, self, istart)
			if err != nil {
				return nil, err
			}
			return th.NewBigInt(r), nil
		}
		return nil, th.Raise(valueErr, "empty range for randrange()")
	}
	istop, err := bigIndex(th, stop)
	if err != nil {
		return nil, err
	}
	width := new(big.Int).Sub(istop, istart)
	istep := big.NewInt(1)
	if step != nil {
		if istep, err = bigIndex(th, step); err != nil {
			return nil, err
		}
	}
	strOf := func(o core.Object) string {
		s, err := th.Str(o)
		if err != nil {
			th.Discard(err)
			return "?"
		}
		return s
	}
	if istep.Cmp(big.NewInt(1)) == 0 {
		if width.Sign() > 0 {
			r, err := rc.randbelow(th, self, width)
			if err != nil {
				return nil, err
			}
			return th.NewBigInt(r.Add(r, istart)), nil
		}
		return nil, th.Raisef(valueErr, "empty range in randrange(%s, %s)", strOf(start), strOf(stop))
	}
	n := new(big.Int)
	switch istep.Sign() {
	case 1:
		n.Add(width, istep)
		n.Sub(n, big.NewInt(1))
	case -1:
		n.Add(width, istep)
		n.Add(n, big.NewInt(1))
	default:
		return nil, th.Raise(valueErr, "zero step for randrange()")
	}
	floorDiv(n, istep)
	if n.Sign() <= 0 {
		return nil, th.Raisef(valueErr, "empty range in randrange(%s, %s, %s)", strOf(start), strOf(stop), strOf(step))
	}
	r, err := rc.randbelow(th, self, n)
	if err != nil {
		return nil, err
	}
	r.Mul(r, istep)
	return th.NewBigInt(r.Add(r, istart)), nil
}

// floorDiv sets n to n // d (Python's floor division).
func floorDiv(n, d *big.Int) {
	m := new(big.Int)
	n.DivMod(n, d, m) // Euclidean: m >= 0, so the quotient is rounded up when d < 0
	if m.Sign() != 0 && d.Sign() < 0 {
		n.Sub(n, big.NewInt(1))
	}
}

// isSequence is isinstance(o, collections.abc.Sequence) for the
// built-in types.
func isSequence(o core.Object) bool {
	switch o.(type) {
	case *core.List, *core.Tuple, *core.Str, *core.Range, *core.Bytes:
		return true
	}
	return false
}

// sample is Random.sample, as random.py (the pool or the set of
// selected indexes, chosen by the same size rule).
func (rc *randomClass) sample(th *core.Thread, self, population, kO, counts core.Object) (core.Object, error) {
	if !isSequence(population) {
		return nil, th.Raise(th.RaiseType("TypeError"), "Population must be a sequence.  For dicts or sets, use sorted(d).")
	}
	n, err := th.Len(population)
	if err != nil {
		return nil, err
	}
	if !isNone(th, counts) {
		return rc.sampleCounts(th, self, population, n, kO, counts)
	}
	return rc.sampleOf(th, self, n, func(i int) (core.Object, error) { return getIndex(th, population, i) }, kO)
}

// sampleOf is sample of a population of n items, item(i) the i-th.
func (rc *randomClass) sampleOf(th *core.Thread, self core.Object, n int, item func(int) (core.Object, error), kO core.Object) (core.Object, error) {
	kb, err := bigIndex(th, kO)
	if err != nil {
		return nil, err
	}
	if kb.Sign() < 0 || kb.Cmp(big.NewInt(int64(n))) > 0 {
		return nil, th.Raise(th.RaiseType("ValueError"), "Sample larger than population or is negative")
	}
	k := int(kb.Int64())
	result := make([]core.Object, 0, k)
	fail := func(err error) (core.Object, error) {
		for _, o := range result {
			th.Decref(o)
		}
		return nil, err
	}
	setsize := 21
	if k > 5 {
		setsize += int(math.Pow(4, math.Ceil(math.Log(float64(k*3))/math.Log(4))))
	}
	if n <= setsize {
		pool := make([]int, n)
		for i := range pool {
			pool[i] = i
		}
		for i := 0; i < k; i++ {
			j, err := rc.randbelowInt(th, self, n-i)
			if err != nil {
				return fail(err)
			}
			x, err := item(pool[j])
			if err != nil {
				return fail(err)
			}
			result = append(result, x)
			pool[j] = pool[n-i-1]
		}
	} else {
		selected := make(map[int]bool, k)
		for i := 0; i < k; i++ {
			j, err := rc.randbelowInt(th, self, n)
			if err != nil {
				return fail(err)
			}
			for selected[j] {
				if j, err = rc.randbelowInt(th, self, n); err != nil {
					return fail(err)
				}
			}
			selected[j] = true
			x, err := item(j)
			if err != nil {
				return fail(err)
			}
			result = append(result, x)
		}
	}
	return th.NewList(result), nil
}

// cumulative is list(itertools.accumulate(it)), with Python's addition.
func cumulative(th *core.Thread, it core.Object) ([]core.Object, error) {
	iter, err := th.Iter(it)
	if err != nil {
		return nil, err
	}
	defer th.Decref(iter)
	var out []core.Object
	for {
		item, ok, err := th.Next(iter)
		if err != nil {
			decrefAll(th, out)
			return nil, err
		}
		if !ok {
			return out, nil
		}
		if len(out) > 0 {
			sum, err := th.BinaryOp(core.OpAdd, out[len(out)-1], item)
			th.Decref(item)
			if err != nil {
				decrefAll(th, out)
				return nil, err
			}
			item = sum
		}
		out = append(out, item)
	}
}

func decrefAll(th *core.Thread, objs []core.Object) {
	for _, o := range objs {
		th.Decref(o)
	}
}

// bisectRight is bisect.bisect_right(a, x, lo, hi), with Python's <.
func bisectRight(th *core.Thread, a []core.Object, x core.Object, lo, hi int) (int, error) {
	for lo < hi {
		mid := (lo + hi) / 2
		less, err := th.CompareBool(x, a[mid], core.CmpLt)
		if err != nil {
			return 0, err
		}
		if less {
			hi = mid
		} else {
			lo = mid + 1
		}
	}
	return lo, nil
}

// sampleCounts is sample with counts=: a sample of range(total), mapped
// back to the population through the cumulative counts.
func (rc *randomClass) sampleCounts(th *core.Thread, self, population core.Object, n int, kO, counts core.Object) (core.Object, error) {
	cum, err := cumulative(th, counts)
	if err != nil {
		return nil, err
	}
	defer decrefAll(th, cum)
	if len(cum) != n {
		return nil, th.Raise(th.RaiseType("ValueError"), "The number of counts does not match the population")
	}
	total := cum[n-1]
	cum = cum[:n-1]
	defer th.Decref(total)
	t, ok := total.(*core.Int)
	if !ok {
		return nil, th.Raise(th.RaiseType("TypeError"), "Counts must be integers")
	}
	tn, fits := t.Int64()
	if tn <= 0 {
		return nil, th.Raise(th.RaiseType("ValueError"), "Total of counts must be greater than zero")
	}
	if !fits || tn > math.MaxInt32 {
		return nil, th.Raise(th.RaiseType("OverflowError"), "rwgil's random.sample() takes counts totalling less than 2**31")
	}
	sel, err := rc.sampleOf(th, self, int(tn), func(i int) (core.Object, error) { return th.NewInt(int64(i)), nil }, kO)
	if err != nil {
		return nil, err
	}
	defer th.Decref(sel)
	sl := sel.(*core.List)
	out := make([]core.Object, 0, th.ListLen(sl))
	for i := 0; i < th.ListLen(sl); i++ {
		s, err := th.ListItem(sl, i)
		if err != nil {
			decrefAll(th, out)
			return nil, err
		}
		j, err := bisectRight(th, cum, s, 0, len(cum))
		th.Decref(s)
		if err != nil {
			decrefAll(th, out)
			return nil, err
		}
		item, err := getIndex(th, population, j)
		if err != nil {
			decrefAll(th, out)
			return nil, err
		}
		out = append(out, item)
	}
	return th.NewList(out), nil
}

// choices is Random.choices, as random.py.
func (rc *randomClass) choices(th *core.Thread, self, population, weights, cumWeights, kO core.Object) (core.Object, error) {
	typeErr, valueErr := th.RaiseType("TypeError"), th.RaiseType("ValueError")
	n, err := th.Len(population)
	if err != nil {
		return nil, err
	}
	k := int64(1)
	if kO != nil {
		if k, err = th.IntArg("choices", kO); err != nil {
			return nil, err
		}
	}
	var out []core.Object
	fail := func(err error) (core.Object, error) {
		decrefAll(th, out)
		return nil, err
	}
	if isNone(th, cumWeights) {
		if isNone(th, weights) {
			nf := float64(n)
			for i := int64(0); i < k; i++ {
				r, err := rc.random(th, self)
				if err != nil {
					return fail(err)
				}
				item, err := getIndex(th, population, int(math.Floor(r*nf)))
				if err != nil {
					return fail(err)
				}
				out = append(out, item)
			}
			return th.NewList(out), nil
		}
		cum, err := cumulative(th, weights)
		if err != nil {
			if _, isInt := weights.(*core.Int); isInt && core.IsExceptionNamed(err, "TypeError") {
				th.Discard(err)
				s, _ := th.Str(weights)
				return nil, th.Raisef(typeErr, "The number of choices must be a keyword argument: k=%s", s)
			}
			return nil, err
		}
		defer decrefAll(th, cum)
		return rc.choicesCum(th, self, population, n, cum, k)
	} else if !isNone(th, weights) {
		return nil, th.Raise(typeErr, "Cannot specify both weights and cumulative weights")
	}
	ln, err := th.Len(cumWeights)
	if err != nil {
		return nil, err
	}
	cum := make([]core.Object, 0, ln)
	defer func() { decrefAll(th, cum) }()
	for i := 0; i < ln; i++ {
		w, err := getIndex(th, cumWeights, i)
		if err != nil {
			return nil, err
		}
		cum = append(cum, w)
	}
	if len(cum) != n {
		return nil, th.Raise(valueErr, "The number of weights does not match the population")
	}
	return rc.choicesCum(th, self, population, n, cum, k)
}

func (rc *randomClass) choicesCum(th *core.Thread, self, population core.Object, n int, cum []core.Object, k int64) (core.Object, error) {
	valueErr := th.RaiseType("ValueError")
	if len(cum) != n {
		return nil, th.Raise(valueErr, "The number of weights does not match the population")
	}
	if n == 0 {
		return nil, th.Raise(th.RaiseType("IndexError"), "list index out of range")
	}
	zero := th.NewFloat(0)
	totalO, err := th.BinaryOp(core.OpAdd, cum[n-1], zero)
	th.Decref(zero)
	if err != nil {
		return nil, err
	}
	total, err := toFloat(th, totalO)
	th.Decref(totalO)
	if err != nil {
		return nil, err
	}
	if total <= 0 {
		return nil, th.Raise(valueErr, "Total of weights must be greater than zero")
	}
	if math.IsInf(total, 0) || math.IsNaN(total) {
		return nil, th.Raise(valueErr, "Total of weights must be finite")
	}
	var out []core.Object
	for i := int64(0); i < k; i++ {
		r, err := rc.random(th, self)
		if err != nil {
			decrefAll(th, out)
			return nil, err
		}
		x := th.NewFloat(r * total)
		j, err := bisectRight(th, cum, x, 0, n-1)
		th.Decref(x)
		if err != nil {
			decrefAll(th, out)
			return nil, err
		}
		item, err := getIndex(th, population, j)
		if err != nil {
			decrefAll(th, out)
			return nil, err
		}
		out = append(out, item)
	}
	return th.NewList(out), nil
}

// setstate is Random.setstate: version 3 (or 2) state from getstate.
func (rc *randomClass) setstate(th *core.Thread, self, state core.Object) (core.Object, error) {
	valueErr := th.RaiseType("ValueError")
	version, err := getIndex(th, state, 0)
	if err != nil {
		return nil, err
	}
	defer th.Decref(version)
	v, isInt := version.(*core.Int)
	var vn int64
	if isInt {
		vn, _ = v.Int64()
	}
	if !isInt || (vn != 3 && vn != 2) {
		s, _ := th.Str(version)
		return nil, th.Raisef(valueErr, "state with version %s passed to Random.setstate() of version 3", s)
	}
	n, err := th.Len(state)
	if err != nil {
		return nil, err
	}
	if n != 3 {
		if n < 3 {
			return nil, th.Raisef(valueErr, "not enough values to unpack (expected 3, got %d)", n)
		}
		return nil, th.Raise(valueErr, "too many values to unpack (expected 3)")
	}
	internal, err := getIndex(th, state, 1)
	if err != nil {
		return nil, err
	}
	defer th.Decref(internal)
	gauss, err := getIndex(th, state, 2)
	if err != nil {
		return nil, err
	}
	err = th.SetAttr(self, "gauss_next", gauss)
	th.Decref(gauss)
	if err != nil {
		return nil, err
	}
	tup, ok := internal.(*core.Tuple)
	if !ok {
		return nil, th.Raise(th.RaiseType("TypeError"), "state vector must be a tuple")
	}
	if tup.Len() != mtN+1 {
		return nil, th.Raise(valueErr, "state vector is the wrong size")
	}
	var words [mtN]uint32
	for i := 0; i < mtN; i++ {
		b, err := bigIndex(th, tup.Item(i))
		if err != nil {
			return nil, err
		}
		if vn == 2 {
			b.Mod(b, new(big.Int).Lsh(big.NewInt(1), 32))
		}
		if b.Sign() < 0 {
			return nil, th.Raise(th.RaiseType("OverflowError"), "can't convert negative value to unsigned int")
		}
		if b.BitLen() > 64 {
			return nil, th.Raise(th.RaiseType("OverflowError"), "Python int too large to convert to C unsigned long")
		}
		words[i] = uint32(b.Uint64())
	}
	ib, err := bigIndex(th, tup.Item(mtN))
	if err != nil {
		return nil, err
	}
	if !ib.IsInt64() || ib.Int64() < 0 || ib.Int64() > mtN {
		return nil, th.Raise(valueErr, "invalid state")
	}
	err = rc.locked(th, "setstate", self, func(s *mt19937) error {
		s.mt = words
		s.index = int(ib.Int64())
		return nil
	})
	if err != nil {
		return nil, err
	}
	return th.Runtime().None, nil
}
