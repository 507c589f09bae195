package core

// bytearrayAssignSlice is ba[s] = value and, for a nil value, del ba[s],
// for a slice object s (`del buf[:n]`, `buf[::2] = b"..."`), as CPython's
// bytearray_ass_subscript: a simple slice may change the length, an
// extended one is replaced by as many bytes as it selects.
func (th *Thread) bytearrayAssignSlice(b *Bytes, s *Slice, value Object) error {
	bd, err := th.unpackSlice(s)
	if err != nil {
		return err
	}
	if bd.step == 1 {
		return th.bytearraySetSlice(b, sliceIndex{v: bd.start}, sliceIndex{v: bd.stop}, value)
	}
	var repl []byte
	if value != nil {
		if _, isInt := value.(*Int); isInt {
			return th.Raise(th.rt.types.exc.TypeError, "can assign only bytes, buffers, or iterables of ints in range(0, 256)")
		}
		if repl, err = th.bytesFrom(value, "bytearray"); err != nil {
			return err
		}
	}
	th.beginCS(b)
	defer th.endCS()
	n := bd.adjust(int64(len(b.b)))
	if value != nil {
		if int64(len(repl)) != n {
			return th.Raisef(th.rt.types.exc.ValueError, "attempt to assign bytes of size %d to extended slice of size %d", len(repl), n)
		}
		for k, i := int64(0), bd.start; k < n; k, i = k+1, i+bd.step {
			b.b[i] = repl[k]
		}
		return nil
	}
	if bd.step < 0 {
		// Delete from the low end up.
		bd.start, bd.step = bd.start+(n-1)*bd.step, -bd.step
	}
	kept := b.b[:0]
	next, removed := bd.start, int64(0)
	for i, c := range b.b {
		if removed < n && int64(i) == next {
			removed++
			next += bd.step
			continue
		}
		kept = append(kept, c)
	}
	b.b = kept
	th.bytesResized(b)
	return nil
}
