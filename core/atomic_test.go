package core

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/anishathalye/porcupine"
	"pgregory.net/rapid"

	"github.com/rwgil/rwgil/eml"
)

// The FAQ's atomic operations (L.append(x), L1.extend(L2), x = L[i],
// x = L.pop(), L1[i:j] = L2, L.sort(), x.field = y, D[x] = y,
// D1.update(D2), D.keys()) must be atomic under every policy, free
// included: each one runs inside its object's critical section. The test
// runs generated mixes of them on 2-6 real goroutines, records the
// history with a logical clock, and checks with porcupine that it is
// linearizable against a sequential model of the list, the dict and the
// attribute. A reader that copies the list (list(L)) would see half an
// extend or half a slice assignment if they were not atomic.

// atomicOp is one generated operation.
type atomicOp struct {
	kind string // list: append pop get extend setslice sort copy; dict: dset dget update keys; attr: aset aget
	a, b int64
}

// object is the shared object op works on: 0 the list, 1 the dict, 2 the
// attribute.
func (o atomicOp) object() int {
	switch o.kind {
	case "aset", "aget":
		return 2
	case "dset", "dget", "update", "keys":
		return 1
	}
	return 0
}

// opInput is what porcupine sees as an operation's input: the op and the
// values it put in (made unique per operation, so histories are telling).
type opInput struct {
	atomicOp
	vals []int64
}

// opOutput is an operation's result: the items read (pop, get, copy,
// dget, keys, aget), or an error name.
type opOutput struct {
	vals []int64
	err  string
}

// seqState is the sequential state of one object: the list's items, the
// dict's keys and values in insertion order, or the attribute.
type seqState struct {
	items  []int64 // list; dict keys; attribute (one item, or none)
	values []int64 // dict values
}

func stepState(s seqState, in opInput, out opOutput) (bool, seqState) {
	switch in.kind {
	case "append":
		return out.err == "", seqState{items: append(slices.Clone(s.items), in.vals[0])}
	case "extend":
		return out.err == "", seqState{items: slices.Concat(s.items, in.vals)}
	case "pop":
		if len(s.items) == 0 {
			return out.err == "IndexError", s
		}
		n := len(s.items) - 1
		return out.err == "" && len(out.vals) == 1 && out.vals[0] == s.items[n], seqState{items: slices.Clone(s.items[:n])}
	case "get":
		i := int(in.a)
		if i < 0 {
			i += len(s.items)
		}
		if i < 0 || i >= len(s.items) {
			return out.err == "IndexError", s
		}
		return out.err == "" && len(out.vals) == 1 && out.vals[0] == s.items[i], s
	case "setslice":
		n := len(s.items)
		norm := func(k int64) int { // Python's slice bounds
			if k < 0 {
				k += int64(n)
			}
			return min(max(int(k), 0), n)
		}
		i, j := norm(in.a), norm(in.b)
		j = max(i, j)
		return out.err == "", seqState{items: slices.Concat(s.items[:i], in.vals, s.items[j:])}
	case "sort":
		items := slices.Clone(s.items)
		slices.Sort(items)
		return out.err == "", seqState{items: items}
	case "copy":
		return out.err == "" && slices.Equal(out.vals, s.items), s
	case "dset":
		next := seqState{items: slices.Clone(s.items), values: slices.Clone(s.values)}
		if i := slices.Index(next.items, in.a); i >= 0 {
			next.values[i] = in.vals[0]
		} else {
			next.items, next.values = append(next.items, in.a), append(next.values, in.vals[0])
		}
		return out.err == "", next
	case "update":
		next := seqState{items: slices.Clone(s.items), values: slices.Clone(s.values)}
		for k, key := range []int64{in.a, in.b} {
			if i := slices.Index(next.items, key); i >= 0 {
				next.values[i] = in.vals[k]
			} else {
				next.items, next.values = append(next.items, key), append(next.values, in.vals[k])
			}
		}
		return out.err == "", next
	case "dget":
		i := slices.Index(s.items, in.a)
		if i < 0 {
			return out.err == "KeyError", s
		}
		return out.err == "" && len(out.vals) == 1 && out.vals[0] == s.values[i], s
	case "keys":
		return out.err == "" && slices.Equal(out.vals, s.items), s
	case "aset":
		return out.err == "", seqState{items: []int64{in.vals[0]}}
	case "aget":
		if len(s.items) == 0 {
			return out.err == "AttributeError", s
		}
		return out.err == "" && len(out.vals) == 1 && out.vals[0] == s.items[0], s
	}
	return false, s
}

var atomicModel = porcupine.Model{
	Partition: func(h []porcupine.Operation) [][]porcupine.Operation {
		parts := make([][]porcupine.Operation, 3)
		for _, op := range h {
			o := op.Input.(opInput).object()
			parts[o] = append(parts[o], op)
		}
		return parts
	},
	Init: func() any { return seqState{} },
	Step: func(state, input, output any) (bool, any) {
		return stepState(state.(seqState), input.(opInput), output.(opOutput))
	},
	Equal: func(a, b any) bool {
		x, y := a.(seqState), b.(seqState)
		return slices.Equal(x.items, y.items) && slices.Equal(x.values, y.values)
	},
	DescribeOperation: func(input, output any) string {
		in, out := input.(opInput), output.(opOutput)
		r := fmt.Sprint(out.vals)
		if out.err != "" {
			r = out.err
		}
		return fmt.Sprintf("%s(%d,%d,%v) -> %s", in.kind, in.a, in.b, in.vals, r)
	},
	DescribeState: func(s any) string { st := s.(seqState); return fmt.Sprint(st.items, st.values) },
}

// atomicTarget holds the shared objects.
type atomicTarget struct {
	l   *List
	d   *Dict
	obj Object // an instance of a user class
}

// do runs op on th against tg: its output, with vals put in.
func (tg *atomicTarget) do(th *Thread, op atomicOp, vals []int64) opOutput {
	ints := func() []Object {
		out := make([]Object, len(vals))
		for i, v := range vals {
			out[i] = th.NewInt(v)
		}
		return out
	}
	result := func(o Object, err error) opOutput {
		if err != nil {
			return opOutput{err: excName(th, err)}
		}
		defer th.XDecref(o)
		if l, ok := o.(*List); ok {
			var vs []int64
			for _, it := range th.listSnapshot(l) {
				v, _ := it.(*Int).Int64()
				vs = append(vs, v)
				th.Decref(it)
			}
			return opOutput{vals: vs}
		}
		if n, ok := o.(*Int); ok {
			v, _ := n.Int64()
			return opOutput{vals: []int64{v}}
		}
		return opOutput{}
	}
	switch op.kind {
	case "append":
		x := ints()[0]
		th.ListAppend(tg.l, x)
		th.Decref(x)
		return opOutput{}
	case "extend", "setslice":
		src := th.NewList(ints())
		defer th.Decref(src)
		if op.kind == "extend" {
			return result(nil, th.ListExtend(tg.l, src))
		}
		start, stop := th.NewInt(op.a), th.NewInt(op.b)
		defer th.Decref(start)
		defer th.Decref(stop)
		return result(nil, th.SetSlice(tg.l, start, stop, src))
	case "pop":
		return result(th.ListPop(tg.l, -1))
	case "get":
		return result(th.ListItem(tg.l, int(op.a)))
	case "sort":
		return result(nil, th.ListSort(tg.l, nil, false))
	case "copy":
		return result(th.NewList(th.listSnapshot(tg.l)), nil)
	case "dset":
		k, v := th.NewInt(op.a), ints()[0]
		defer th.Decref(k)
		defer th.Decref(v)
		return result(nil, th.DictSet(tg.d, k, v))
	case "update":
		src := th.NewDict()
		defer th.Decref(src)
		for i, key := range []int64{op.a, op.b} {
			k, v := th.NewInt(key), th.NewInt(vals[i])
			mustOK(th.DictSet(src, k, v))
			th.Decref(k)
			th.Decref(v)
		}
		return result(nil, th.dictUpdate(tg.d, src))
	case "dget":
		k := th.NewInt(op.a)
		defer th.Decref(k)
		return result(th.GetItem(tg.d, k))
	case "keys":
		keys, values := th.dictItems(tg.d)
		th.decrefAll(values)
		return result(th.NewList(keys), nil)
	case "aset":
		v := ints()[0]
		defer th.Decref(v)
		return result(nil, th.SetAttr(tg.obj, "field", v))
	case "aget":
		return result(th.GetAttr(tg.obj, "field"))
	}
	panic("unknown op " + op.kind)
}

func genAtomicOp() *rapid.Generator[atomicOp] {
	kinds := []string{"append", "pop", "get", "extend", "setslice", "sort", "copy", "dset", "dget", "update", "keys", "aset", "aget"}
	return rapid.Custom(func(t *rapid.T) atomicOp {
		return atomicOp{
			kind: rapid.SampledFrom(kinds).Draw(t, "kind"),
			a:    rapid.Int64Range(-2, 4).Draw(t, "a"),
			b:    rapid.Int64Range(0, 4).Draw(t, "b"),
		}
	})
}

func (o atomicOp) nvals() int {
	switch o.kind {
	case "append", "dset", "aset":
		return 1
	case "extend", "setslice", "update":
		return 2
	}
	return 0
}

func TestAtomicOpsLinearizable(t *testing.T) {
	for _, policy := range []eml.Policy{eml.PolicyFree, eml.PolicyEML} {
		t.Run(policy.String(), func(t *testing.T) {
			var overlapping, checked, unknown atomic.Int64
			property := func(rt *rapid.T) {
				r, th := testRuntime(t, Config{Policy: policy})
				cls := must(th.NewClass("Obj", nil, nil, "__main__"))
				tg := &atomicTarget{l: th.NewList(nil), d: th.NewDict(), obj: must(th.Call(cls, nil, nil))}
				th.Decref(cls)
				defer func() { th.Decref(tg.l); th.Decref(tg.d); th.Decref(tg.obj) }()

				n := rapid.IntRange(2, 6).Draw(rt, "threads")
				progs := make([][]atomicOp, n)
				for i := range progs {
					progs[i] = rapid.SliceOfN(genAtomicOp(), 3, 10).Draw(rt, fmt.Sprintf("thread %d", i))
				}
				var clock atomic.Int64
				var mu sync.Mutex
				var history []porcupine.Operation
				runThreads(t, r, n, func(i int, th *Thread) {
					for k, op := range progs[i] {
						vals := make([]int64, op.nvals())
						for j := range vals {
							vals[j] = int64(1000*(i+1) + 10*k + j)
						}
						call := clock.Add(1)
						if k%2 == 0 {
							// Let the processor go inside the operation's
							// interval (not inside its critical section):
							// another thread's operations then overlap it
							// in time even on one core.
							th.Yield()
						}
						out := tg.do(th, op, vals)
						ret := clock.Add(1)
						mu.Lock()
						history = append(history, porcupine.Operation{ClientId: i, Input: opInput{op, vals}, Call: call, Output: out, Return: ret})
						mu.Unlock()
					}
				})
				overlapping.Add(countOverlaps(history))
				res, info := porcupine.CheckOperationsVerbose(atomicModel, history, 10*time.Second)
				checked.Add(1)
				switch res {
				case porcupine.Unknown:
					unknown.Add(1)
				case porcupine.Illegal:
					path := writeVisualization(t, info)
					rt.Fatalf("%v: history of %d operations is not linearizable; porcupine visualization: %s\n%s", policy, len(history), path, describeHistory(history))
				}
			}
			rapid.Check(t, property)
			// On a loaded machine the first histories may show no overlap:
			// go on for a time budget before saying so.
			for deadline := time.Now().Add(overlapBudget); !t.Failed() && overlapping.Load() == 0 && time.Now().Before(deadline); {
				rapid.Check(t, property)
			}
			t.Logf("%d histories checked (%d timed out), %d pairs of operations on the same object overlapped in time", checked.Load(), unknown.Load(), overlapping.Load())
			if overlapping.Load() == 0 {
				t.Errorf("in %d histories (run for up to %v, each thread yielding inside every other operation) no two operations on one object ever overlapped: the histories show no concurrency", checked.Load(), overlapBudget)
			}
		})
	}
}

// overlapBudget bounds the search for overlapping operations.
const overlapBudget = 60 * time.Second

// countOverlaps counts the pairs of operations of different threads on
// the same object whose call-return intervals intersect.
func countOverlaps(h []porcupine.Operation) int64 {
	var n int64
	for i := range h {
		for j := i + 1; j < len(h); j++ {
			a, b := h[i], h[j]
			if a.ClientId != b.ClientId && a.Input.(opInput).object() == b.Input.(opInput).object() &&
				a.Call <= b.Return && b.Call <= a.Return {
				n++
			}
		}
	}
	return n
}

// writeVisualization writes porcupine's HTML view of a failed check next
// to rapid's fail files, and returns its path.
func writeVisualization(t testing.TB, info porcupine.LinearizationInfo) string {
	dir := filepath.Join("testdata", "rapid", t.Name())
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return "(not written: " + err.Error() + ")"
	}
	path := filepath.Join(dir, fmt.Sprintf("porcupine-%d.html", time.Now().UnixNano()))
	if err := porcupine.VisualizePath(atomicModel, info, path); err != nil {
		return "(not written: " + err.Error() + ")"
	}
	return path
}

// describeHistory lists a history by object and call time, for failures.
func describeHistory(h []porcupine.Operation) string {
	h = slices.Clone(h)
	slices.SortFunc(h, func(a, b porcupine.Operation) int {
		if oa, ob := a.Input.(opInput).object(), b.Input.(opInput).object(); oa != ob {
			return oa - ob
		}
		return int(a.Call - b.Call)
	})
	var b strings.Builder
	for _, op := range h {
		fmt.Fprintf(&b, "  obj%d t%d [%3d,%3d] %s\n", op.Input.(opInput).object(), op.ClientId, op.Call, op.Return,
			atomicModel.DescribeOperation(op.Input, op.Output))
	}
	return b.String()
}
