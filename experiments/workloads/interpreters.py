"""E8's workload: several interpreters against several threads, and what
an interpreter costs.

usage: interpreters.py MODE N COUNT

MODE is one of
  threads  COUNT threads of this interpreter each run the float benchmark
           (suite.py's bench_float) with scale N;
  interps  COUNT new interpreters, each with a lock of its own under this
           interpreter's policy, each run it on one thread of its own;
  shared   the same, every child on this interpreter's lock (the pre-3.12
           model: one GIL for all subinterpreters);
  cost     N times each: create + call + close an interpreter; a round
           trip through two queues to an echoing child; a call of a
           trivial function in a child.

The scaling modes print {"mode", "n", "threads", "seconds", "ops"}, timed
from the first worker's start to the last one's end (the interpreters are
created, and called once, before the clock starts); cost
prints {"mode", "n", "threads": 1, "create_us", "queue_us", "call_us"}.
Runs under rwgil (concurrent.interpreters, with rwgil's create(policy=,
share_lock_with=)). Under CPython only cost runs: with 3.14's
concurrent.interpreters or 3.13's test.support.interpreters (the same API
over _interpreters, whose call takes a function and no arguments, and
whose queues a child must import before it is given one); without either
it prints {"mode": "cost", "threads": 1, "unsupported": WHY}.
"""
import json
import sys
import threading
import time

try:
    import concurrent.interpreters as interpreters
    create_queue = interpreters.create_queue
    CPYTHON313 = False
except ImportError:
    try:
        from test.support import interpreters
        from test.support.interpreters import queues
        create_queue = queues.create
        CPYTHON313 = True
    except ImportError:
        interpreters = None

# What the workers run. None reads a global but builtins, so each crosses to
# a child by its bytecode with nothing defined there first.
def bench_float(n):
    escaped = 0
    for i in range(n):
        c_re = -2.0 + 2.5 * i / n
        c_im = 0.5
        z_re = 0.0
        z_im = 0.0
        for _ in range(50):
            z_re, z_im = z_re * z_re - z_im * z_im + c_re, 2.0 * z_re * z_im + c_im
            if z_re * z_re + z_im * z_im > 4.0:
                escaped += 1
                break
    return escaped


def echo(q_in, q_out):
    while True:
        item = q_in.get()
        if item is None:
            return
        q_out.put(item)


def nothing():
    return None


ECHO = """
from test.support.interpreters import queues
"""

ECHO_LOOP = """
while True:
    item = q_in.get()
    if item is None:
        break
    q_out.put(item)
"""


def scaling(mode, n, count):
    if mode == "threads":
        go = threading.Barrier(count + 1)

        def work():
            go.wait()
            bench_float(n)

        threads = [threading.Thread(target=work) for _ in range(count)]
        for t in threads:
            t.start()
        go.wait()
        start = time.perf_counter()
        for t in threads:
            t.join()
        seconds = time.perf_counter() - start
        return seconds
    main = interpreters.get_current()
    if mode == "interps":
        children = [interpreters.create() for _ in range(count)]
    else:
        children = [interpreters.create(share_lock_with=main) for _ in range(count)]
    for c in children:
        c.call(nothing)
    start = time.perf_counter()
    threads = [c.call_in_thread(bench_float, n) for c in children]
    for t in threads:
        t.join()
    seconds = time.perf_counter() - start
    for c in children:
        c.close()
    return seconds


def cost(n):
    start = time.perf_counter()
    for _ in range(n):
        c = interpreters.create()
        c.call(nothing)
        c.close()
    create_us = (time.perf_counter() - start) / n * 1e6

    child = interpreters.create()
    q_in, q_out = create_queue(), create_queue()
    if CPYTHON313:
        # 3.13's call_in_thread takes no arguments: the queues go to the
        # child's __main__ and a thread of ours runs the loop there.
        child.exec(ECHO)
        child.prepare_main(q_in=q_in, q_out=q_out)
        t = threading.Thread(target=child.exec, args=(ECHO_LOOP,))
        t.start()
    else:
        t = child.call_in_thread(echo, q_in, q_out)
    q_in.put(0)
    q_out.get()
    start = time.perf_counter()
    for i in range(n):
        q_in.put(i)
        q_out.get()
    queue_us = (time.perf_counter() - start) / n * 1e6
    q_in.put(None)
    t.join()

    child.call(nothing)
    start = time.perf_counter()
    for i in range(n):
        child.call(nothing)
    call_us = (time.perf_counter() - start) / n * 1e6
    child.close()
    return create_us, queue_us, call_us


def main():
    if len(sys.argv) != 4 or sys.argv[1] not in ("threads", "interps", "shared", "cost"):
        raise SystemExit("usage: interpreters.py threads|interps|shared|cost N COUNT")
    mode, n, count = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
    if interpreters is None or CPYTHON313 and mode != "cost":
        why = "no concurrent.interpreters or test.support.interpreters"
        if interpreters is not None:
            why = "the scaling modes need rwgil's create(policy=, share_lock_with=)"
        if mode != "cost":
            raise SystemExit(why)
        print(json.dumps({"mode": mode, "n": n, "threads": 1, "unsupported": why}))
        return
    if mode == "cost":
        create_us, queue_us, call_us = cost(n)
        print(json.dumps({"mode": mode, "n": n, "threads": 1, "create_us": create_us,
                          "queue_us": queue_us, "call_us": call_us}))
        return
    seconds = scaling(mode, n, count)
    print(json.dumps({"mode": mode, "n": n, "threads": count, "seconds": seconds, "ops": count}))


main()
