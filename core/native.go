package core

// More of what the native modules of package stdlib need beyond the
// extension API (buffer.go has the rest): an instance's attribute dict,
// where random.Random and struct.Struct keep their Go state, and
// read-only mappings (os.environ).

// InstanceDict returns the attribute dict of o (borrowed) if o is an
// instance of a class made by NewClass or a class statement (or an
// exception), and nil otherwise.
func InstanceDict(o Object) *Dict {
	switch x := o.(type) {
	case *Instance:
		return x.dict
	case *Exception:
		return x.dict
	}
	return nil
}

// NewMappingProxy returns a new reference to a read-only view of d
// (borrowed), Python's types.MappingProxyType(d).
func (th *Thread) NewMappingProxy(d *Dict) Object { return th.newMappingProxy(d) }
