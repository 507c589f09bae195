package refcount

// immortalStrategy makes every object immortal. Each operation is the
// immortality check that the other strategies start with, and nothing else.
type immortalStrategy struct{ base }

func (s *immortalStrategy) Init(o Object, _ *Owner) { initImmortal(o) }

func (s *immortalStrategy) Incref(o Object, by *Owner) {
	if c := o.RefCount(); c.mode != modeImmortal {
		s.notCounted(c, o, "incref", by)
	}
}

func (s *immortalStrategy) Decref(o Object, by *Owner) {
	if c := o.RefCount(); c.mode != modeImmortal {
		s.notCounted(c, o, "decref", by)
	}
}

func (s *immortalStrategy) TryIncref(o Object, _ *Owner) bool {
	return o.RefCount().mode != modeUninit
}

func (s *immortalStrategy) Refcnt(o Object) int64 {
	if o.RefCount().mode == modeUninit {
		return 0
	}
	return ImmortalRefcnt
}

func (s *immortalStrategy) Dead(Object) bool { return false }

// noneStrategy does no counting at all. Objects live as long as the Go
// collector finds them reachable, and Dealloc never runs. Init and
// InitImmortal still record the mode, so that IsImmortal answers as under
// the other strategies; Incref and Decref do not even look at the count.
type noneStrategy struct{ base }

func (s *noneStrategy) Init(o Object, _ *Owner) {
	*o.RefCount() = Count{mode: modeCounted}
}

func (s *noneStrategy) Incref(Object, *Owner) {}

func (s *noneStrategy) Decref(Object, *Owner) {}

func (s *noneStrategy) TryIncref(Object, *Owner) bool { return true }

func (s *noneStrategy) Refcnt(o Object) int64 {
	if IsImmortal(o) {
		return ImmortalRefcnt
	}
	return -1
}

func (s *noneStrategy) Dead(Object) bool { return false }
