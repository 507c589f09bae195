"""E6's workload: Sitbon's multithreaded request handler.

usage: handler.py THREADS REQUESTS

Each of THREADS threads handles REQUESTS requests; a request renders a
page from a template and a dict of data -- a fair amount of Python per
request, and no I/O, so that under the GIL the threads hand the lock to
each other at every switch interval. Prints one JSON line:
{"threads", "requests", "seconds", "bytes"}.
"""
import json
import sys
import threading
import time

PAGE = "<html><head><title>{title}</title></head><body><h1>{title}</h1><table>{rows}</table><p>{footer}</p></body></html>"
ROW = "<tr><td>%s</td><td>%d</td><td>%.2f</td></tr>"


def render(request, data):
    rows = "".join(ROW % (name, qty, price * qty) for name, (qty, price) in sorted(data.items()))
    total = sum(qty * price for qty, price in data.values())
    return PAGE.format(title="Order %d" % request, rows=rows,
                       footer=f"{len(data)} items, total {total:.2f}")


def handle(thread, requests):
    size = 0
    for r in range(requests):
        data = {"item%02d" % i: (i + r % 3, 1.25 * i) for i in range(12)}
        size += len(render(thread * requests + r, data))
    return size


def main(argv):
    threads = int(argv[1])
    requests = int(argv[2])
    start = threading.Barrier(threads)
    sizes = []
    spans = []

    def worker(i):
        start.wait()
        t0 = time.perf_counter()
        sizes.append(handle(i, requests))
        spans.append((t0, time.perf_counter()))

    ts = [threading.Thread(target=worker, args=(i,)) for i in range(threads)]
    for t in ts:
        t.start()
    for t in ts:
        t.join()
    seconds = max(end for _, end in spans) - min(begin for begin, _ in spans)
    print(json.dumps({"threads": threads, "requests": requests * threads, "seconds": seconds, "bytes": sum(sizes)}))


main(sys.argv)
