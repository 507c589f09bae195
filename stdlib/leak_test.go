package stdlib_test

import (
	"strings"
	"testing"

	"github.com/rwgil/rwgil/core"
	"github.com/rwgil/rwgil/eml"
	"github.com/rwgil/rwgil/python"
)

// TestDataModulesNoLeaks uses every data module -- their classes,
// instances, exceptions raised and caught -- in a runtime that tracks
// every object, under each policy: closing it finds no object left alive
// and no refcount misuse.
func TestDataModulesNoLeaks(t *testing.T) {
	for _, policy := range []eml.Policy{eml.PolicyGIL, eml.PolicyEML, eml.PolicyFree} {
		checkNoLeaks(t, policy)
	}
}

func checkNoLeaks(t *testing.T, policy eml.Policy) {
	t.Helper()
	src := `
import struct, random, math, json, os, gc
s = struct.Struct("<ih")
print(s.unpack(s.pack(1, 2)), struct.pack("3s", b"ab"), list(struct.iter_unpack("b", bytes(3))))
try:
    struct.pack("b", 500)
except struct.error as e:
    print(e)
random.seed(5); r = random.Random(3)
print(random.random(), r.randint(1, 9), r.choice([1, 2]), random.sample(range(50), 3), r.getstate()[0], r.gauss())
l = [1, 2, 3]; random.shuffle(l); random.choices(l, [1, 2, 3], k=3); random.sample(l, 2, counts=[1, 1, 1])
print(math.fsum([0.1] * 3), math.factorial(30), math.hypot(3, 4), math.floor(2.5))
try:
    math.sqrt(-1)
except ValueError as e:
    print(e)
print(json.dumps({"a": [1, 2.5, None]}, indent=2), json.loads('{"x": [1, {"y": "z"}]}'))
try:
    json.loads("[1,")
except json.JSONDecodeError as e:
    print(e, e.pos)
print(os.getenv("NOPE"), os.path.join("a", "b"), gc.collect())
`
	var out strings.Builder
	rt, err := core.NewRuntime(core.Config{Policy: policy, Stdout: &out, TrackObjects: true})
	if err != nil {
		t.Fatal(err)
	}
	if err := python.RegisterModules(rt); err != nil {
		t.Fatal(err)
	}
	res, err := python.Exec(rt, "leak.py", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	if res.Failed() {
		t.Fatalf("%s", res.Exception)
	}
	if err := rt.Close(); err != nil {
		t.Fatalf("%v: %v", policy, err)
	}
	if !strings.Contains(out.String(), "Expecting value: line 1 column 4 (char 3) 3\n") {
		t.Errorf("%v: the program did not run to its end:\n%s", policy, out.String())
	}
}
