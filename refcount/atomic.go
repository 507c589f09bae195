package refcount

// atomicStrategy keeps the whole count in Count.shared and changes it with
// atomic adds, from every thread alike. The thread whose decrement reaches
// zero deallocates, after a compare-and-swap from zero to poisonShared: a
// count at zero is dying, and the swap makes sure that one thread, and one
// only, turns it into a dead one even when a mistaken increment or
// decrement moves it off zero meanwhile (the thread that moves it back
// to zero tries the swap in its turn).
type atomicStrategy struct{ base }

func (s *atomicStrategy) Init(o Object, _ *Owner) {
	c := o.RefCount()
	*c = Count{mode: modeCounted}
	c.shared.Store(1)
}

func (s *atomicStrategy) Incref(o Object, by *Owner) {
	c := o.RefCount()
	if c.mode != modeCounted {
		s.notCounted(c, o, "incref", by)
		return
	}
	if c.shared.Add(1) <= 1 {
		s.increfDead(c, o, by)
	}
}

// increfDead handles an increment that found the count dead, dying (zero)
// or negative: report it, and take the increment back.
func (s *atomicStrategy) increfDead(c *Count, o Object, by *Owner) {
	s.raise(UseAfterFree, o, "incref", by)
	if c.shared.Add(-1) == 0 {
		s.finish(o, c, by)
	}
}

func (s *atomicStrategy) Decref(o Object, by *Owner) {
	c := o.RefCount()
	if c.mode != modeCounted {
		s.notCounted(c, o, "decref", by)
		return
	}
	n := c.shared.Add(-1)
	if n > 0 {
		return
	}
	if n == 0 {
		s.finish(o, c, by)
		return
	}
	if n < poisonBelow {
		s.raise(UseAfterFree, o, "decref", by)
		return
	}
	// A live count went below zero: report it and take the decrement
	// back, so that the thread that left it at zero can still finish it.
	s.raise(NegativeCount, o, "decref", by)
	if c.shared.Add(1) == 0 {
		s.finish(o, c, by)
	}
}

// finish deallocates o if its count is still zero.
func (s *atomicStrategy) finish(o Object, c *Count, by *Owner) {
	if c.shared.CompareAndSwap(0, poisonShared) {
		s.dealloc(o, by)
	}
}

func (s *atomicStrategy) TryIncref(o Object, _ *Owner) bool {
	c := o.RefCount()
	switch c.mode {
	case modeImmortal:
		return true
	case modeUninit:
		return false
	}
	for {
		n := c.shared.Load()
		if n <= 0 {
			return false
		}
		if c.shared.CompareAndSwap(n, n+1) {
			return true
		}
	}
}

func (s *atomicStrategy) Refcnt(o Object) int64 {
	c := o.RefCount()
	switch c.mode {
	case modeImmortal:
		return ImmortalRefcnt
	case modeUninit:
		return 0
	}
	n := c.shared.Load()
	if n < poisonBelow {
		return 0
	}
	return n
}

func (s *atomicStrategy) Dead(o Object) bool {
	c := o.RefCount()
	return c.mode == modeCounted && c.shared.Load() < poisonBelow
}
