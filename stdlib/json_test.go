package stdlib_test

import "testing"

// jsonShared has 4 threads encode and decode one shared structure over
// and over, with different options each: every round trip must give the
// structure back, and every encoding be the one the main thread made.
const jsonShared = `
import json
import thread

data = {"name": "run", "values": [1, 2.5, None, True, "\u00e9"], "nested": {"k": [[], {}], "n": 10 ** 20}}
expect = [json.dumps(data, indent=t, sort_keys=t % 2 == 0) for t in range(4)]
bad = [0] * 4
order = []

def work(t):
    for i in range(300):
        s = json.dumps(data, indent=t, sort_keys=t % 2 == 0)
        if s != expect[t] or json.loads(s) != data:
            bad[t] += 1
        order.append(t)

handles = [thread.start(work, t) for t in range(4)]
for h in handles:
    thread.join(h)
switches = sum(1 for a, b in zip(order, order[1:]) if a != b)
print(bad)
print(switches > 3)
`

// TestJSONShared: dumps and loads keep no shared state: threads using
// them at once under every policy, free included, get what one thread
// alone gets.
func TestJSONShared(t *testing.T) {
	runUntilInterleaved(t, jsonShared, "[0, 0, 0, 0]\n")
}
