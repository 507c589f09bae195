package core

import (
	"fmt"
	"slices"
	"testing"

	"pgregory.net/rapid"
)

// TestListModel: sequences of list operations on one thread behave as the
// same operations on a Go slice, errors included.
func TestListModel(t *testing.T) {
	rapid.Check(t, func(rt *rapid.T) {
		cfg := rapid.SampledFrom(policyRefcounts()).Draw(rt, "config")
		_, th := testRuntime(t, cfg)
		l := th.NewList(nil)
		defer th.Decref(l)
		var model []int64
		val := rapid.Int64Range(-10, 400) // small ints are immortal, larger ones counted
		idx := rapid.IntRange(-8, 8)
		ints := func(vs []int64) *List {
			items := make([]Object, len(vs))
			for i, v := range vs {
				items[i] = th.NewInt(v)
			}
			return th.NewList(items)
		}
		norm := func(i, n int) (int, bool) {
			if i < 0 {
				i += n
			}
			return i, i >= 0 && i < n
		}
		rt.Repeat(map[string]func(*rapid.T){
			"": func(t *rapid.T) {
				got := th.listSnapshot(l)
				defer th.decrefAll(got)
				if len(got) != len(model) {
					t.Fatalf("list has %d items, model %d: %v", len(got), len(model), model)
				}
				for i, o := range got {
					if v, _ := o.(*Int).Int64(); v != model[i] {
						t.Fatalf("item %d = %d, model says %d (model %v)", i, v, model[i], model)
					}
				}
			},
			"append": func(t *rapid.T) {
				v := val.Draw(t, "x")
				x := th.NewInt(v)
				th.ListAppend(l, x)
				th.Decref(x)
				model = append(model, v)
			},
			"extend": func(t *rapid.T) {
				vs := rapid.SliceOfN(val, 0, 4).Draw(t, "xs")
				src := ints(vs)
				mustOK(th.ListExtend(l, src))
				th.Decref(src)
				model = append(model, vs...)
			},
			"pop": func(t *rapid.T) {
				i := idx.Draw(t, "i")
				got, err := th.ListPop(l, i)
				j, ok := norm(i, len(model))
				if !ok {
					if name := excName(th, err); name != "IndexError" {
						t.Fatalf("pop(%d) of %d items: want IndexError, got %q", i, len(model), name)
					}
					return
				}
				if v, _ := must(got, err).(*Int).Int64(); v != model[j] {
					t.Fatalf("pop(%d) = %d, model says %d", i, v, model[j])
				}
				th.Decref(got)
				model = slices.Delete(model, j, j+1)
			},
			"insert": func(t *rapid.T) {
				i, v := idx.Draw(t, "i"), val.Draw(t, "x")
				x := th.NewInt(v)
				th.listInsert(l, i, x)
				th.Decref(x)
				n := len(model)
				if i < 0 {
					i = max(i+n, 0)
				}
				model = slices.Insert(model, min(i, n), v)
			},
			"setitem": func(t *rapid.T) {
				i, v := idx.Draw(t, "i"), val.Draw(t, "x")
				x := th.NewInt(v)
				err := th.listSetItem(l, i, x)
				th.Decref(x)
				j, ok := norm(i, len(model))
				if name := excName(th, err); ok != (name == "") {
					t.Fatalf("L[%d] = x with %d items: error %q", i, len(model), name)
				}
				if ok {
					model[j] = v
				}
			},
			"delitem": func(t *rapid.T) {
				i := idx.Draw(t, "i")
				err := th.listDelItem(l, i)
				j, ok := norm(i, len(model))
				if name := excName(th, err); ok != (name == "") {
					t.Fatalf("del L[%d] with %d items: error %q", i, len(model), name)
				}
				if ok {
					model = slices.Delete(model, j, j+1)
				}
			},
			"setslice": func(t *rapid.T) {
				i, j := idx.Draw(t, "i"), idx.Draw(t, "j")
				vs := rapid.SliceOfN(val, 0, 3).Draw(t, "xs")
				src := ints(vs)
				start, stop := th.NewInt(int64(i)), th.NewInt(int64(j))
				mustOK(th.SetSlice(l, start, stop, src))
				th.Decref(src)
				th.Decref(start)
				th.Decref(stop)
				n := len(model)
				clamp := func(k int) int {
					if k < 0 {
						k += n
					}
					return min(max(k, 0), n)
				}
				a, b := clamp(i), clamp(j)
				b = max(a, b)
				model = slices.Concat(model[:a], vs, model[b:])
			},
			"sort": func(t *rapid.T) {
				reverse := rapid.Bool().Draw(t, "reverse")
				mustOK(th.ListSort(l, nil, reverse))
				slices.Sort(model)
				if reverse {
					slices.Reverse(model)
				}
			},
			"index": func(t *rapid.T) {
				v := val.Draw(t, "x")
				x := th.NewInt(v)
				got := must(th.listIndex(l, x))
				th.Decref(x)
				if want := slices.Index(model, v); got != want {
					t.Fatalf("index(%d) = %d, model says %d", v, got, want)
				}
			},
			"clear": func(t *rapid.T) {
				r := must(th.CallMethod(l, "clear"))
				th.Decref(r)
				model = nil
			},
		})
	})
}

// dictKey is a key of the dict model: Python's numeric equality makes 1,
// 1.0 and True one key, so the model keys numbers by value.
type dictKey struct {
	num   float64
	str   string
	isStr bool
}

// TestDictModel: sequences of dict operations behave as an insertion-
// ordered Go map with Python's key equality (1 == 1.0 == True, and a key
// keeps the object it was first inserted with).
func TestDictModel(t *testing.T) {
	rapid.Check(t, func(rt *rapid.T) {
		cfg := rapid.SampledFrom(policyRefcounts()).Draw(rt, "config")
		_, th := testRuntime(t, cfg)
		d := th.NewDict()
		defer th.Decref(d)
		type entry struct {
			key   dictKey
			repr  string // repr of the key object that stays
			value int64
		}
		var model []entry
		find := func(k dictKey) int {
			return slices.IndexFunc(model, func(e entry) bool { return e.key == k })
		}
		// A key is an int, a float, a bool or a str; makeKey returns the
		// object (new reference), the model key and the object's repr.
		keyGen := rapid.IntRange(0, 13)
		makeKey := func(i int) (Object, dictKey, string) {
			switch {
			case i < 5:
				return th.NewInt(int64(i)), dictKey{num: float64(i)}, fmt.Sprint(i)
			case i < 8:
				f := float64(i-5) + 0.5*float64(i%2)
				return th.NewFloat(f), dictKey{num: f}, floatRepr(f)
			case i < 10:
				b := i == 9
				k := dictKey{num: 0}
				repr := "False"
				if b {
					k, repr = dictKey{num: 1}, "True"
				}
				return th.rt.Bool(b), k, repr
			default:
				s := string(rune('a' + i - 10))
				return th.NewStr(s), dictKey{str: s, isStr: true}, "'" + s + "'"
			}
		}
		rt.Repeat(map[string]func(*rapid.T){
			"": func(t *rapid.T) {
				keys, values := th.dictItems(d)
				defer th.decrefAll(keys)
				defer th.decrefAll(values)
				if len(keys) != len(model) {
					t.Fatalf("dict has %d entries, model %d", len(keys), len(model))
				}
				for i := range keys {
					kr := must(th.Repr(keys[i]))
					v, _ := values[i].(*Int).Int64()
					if kr != model[i].repr || v != model[i].value {
						t.Fatalf("entry %d is %s: %d, model says %s: %d", i, kr, v, model[i].repr, model[i].value)
					}
				}
			},
			"set": func(t *rapid.T) {
				k, mk, repr := makeKey(keyGen.Draw(t, "key"))
				v := rapid.Int64Range(0, 1000).Draw(t, "value")
				x := th.NewInt(v)
				mustOK(th.DictSet(d, k, x))
				th.Decref(k)
				th.Decref(x)
				if i := find(mk); i >= 0 {
					model[i].value = v
				} else {
					model = append(model, entry{mk, repr, v})
				}
			},
			"get": func(t *rapid.T) {
				k, mk, _ := makeKey(keyGen.Draw(t, "key"))
				got := must(th.DictGet(d, k))
				th.Decref(k)
				i := find(mk)
				if (got != nil) != (i >= 0) {
					t.Fatalf("get: found=%v, model found=%v", got != nil, i >= 0)
				}
				if got != nil {
					if v, _ := got.(*Int).Int64(); v != model[i].value {
						t.Fatalf("get = %d, model says %d", v, model[i].value)
					}
					th.Decref(got)
				}
			},
			"del": func(t *rapid.T) {
				k, mk, _ := makeKey(keyGen.Draw(t, "key"))
				found := must(th.DictDelete(d, k))
				th.Decref(k)
				i := find(mk)
				if found != (i >= 0) {
					t.Fatalf("del: found=%v, model found=%v", found, i >= 0)
				}
				if i >= 0 {
					model = slices.Delete(model, i, i+1)
				}
			},
			"update": func(t *rapid.T) {
				n := rapid.IntRange(0, 3).Draw(t, "n")
				src := th.NewDict()
				var added []entry
				for range n {
					k, mk, repr := makeKey(keyGen.Draw(t, "key"))
					v := rapid.Int64Range(0, 1000).Draw(t, "value")
					x := th.NewInt(v)
					mustOK(th.DictSet(src, k, x))
					th.Decref(k)
					th.Decref(x)
					if j := slices.IndexFunc(added, func(e entry) bool { return e.key == mk }); j >= 0 {
						added[j].value = v
					} else {
						added = append(added, entry{mk, repr, v})
					}
				}
				mustOK(th.dictUpdate(d, src))
				th.Decref(src)
				for _, e := range added {
					if i := find(e.key); i >= 0 {
						model[i].value = e.value
					} else {
						model = append(model, e)
					}
				}
			},
			"clear": func(t *rapid.T) {
				d.clear(th)
				model = nil
			},
		})
	})
}
