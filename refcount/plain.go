package refcount

// plainStrategy keeps the whole count in Count.local with ordinary loads and
// stores. It is correct only while one thread runs at a time; the lock that
// ensures that (the GIL) also orders one thread's updates before the next
// thread's, so the count needs no synchronization of its own. A dead count
// holds poisonLocal; a live one is at least 1.
type plainStrategy struct{ base }

func (s *plainStrategy) Init(o Object, _ *Owner) {
	*o.RefCount() = Count{mode: modeCounted, local: 1}
}

func (s *plainStrategy) Incref(o Object, by *Owner) {
	c := o.RefCount()
	if c.mode != modeCounted {
		s.notCounted(c, o, "incref", by)
		return
	}
	n := c.local
	if n <= 0 {
		s.raise(UseAfterFree, o, "incref", by)
		return
	}
	c.local = n + 1
}

func (s *plainStrategy) Decref(o Object, by *Owner) {
	c := o.RefCount()
	if c.mode != modeCounted {
		s.notCounted(c, o, "decref", by)
		return
	}
	n := c.local - 1
	if n > 0 {
		c.local = n
		return
	}
	if n < 0 {
		s.raise(UseAfterFree, o, "decref", by)
		return
	}
	c.local = poisonLocal
	s.dealloc(o, by)
}

func (s *plainStrategy) TryIncref(o Object, _ *Owner) bool {
	c := o.RefCount()
	switch c.mode {
	case modeImmortal:
		return true
	case modeUninit:
		return false
	}
	if c.local <= 0 {
		return false
	}
	c.local++
	return true
}

func (s *plainStrategy) Refcnt(o Object) int64 {
	c := o.RefCount()
	switch c.mode {
	case modeImmortal:
		return ImmortalRefcnt
	case modeUninit:
		return 0
	}
	return max(c.local, 0)
}

func (s *plainStrategy) Dead(o Object) bool {
	c := o.RefCount()
	return c.mode == modeCounted && c.local < 0
}
