"""Heap queue: a binary min-heap kept in a list, heap[k] <= heap[2*k+1]
and heap[k] <= heap[2*k+2] for every k, so heap[0] is the smallest item.

rwgil's heapq moves items as CPython's does: the same list comes out of
every operation, so a program that prints a heap prints what CPython
prints. Items are compared with < only.
"""

__all__ = ['heappush', 'heappop', 'heapify', 'heapreplace', 'merge',
           'nlargest', 'nsmallest', 'heappushpop']


def _check(heap, func):
    if not isinstance(heap, list):
        raise TypeError(f"{func}() argument 1 must be list, not {type(heap).__name__}")


def _sift_toward_root(heap, top, pos):
    # The item at pos moves up while it is smaller than its parent, but
    # not above top.
    item = heap[pos]
    while pos > top:
        parent_pos = (pos - 1) >> 1
        parent = heap[parent_pos]
        if item < parent:
            heap[pos] = parent
            pos = parent_pos
            continue
        break
    heap[pos] = item


def _sift_toward_leaves(heap, pos):
    # The item at pos goes down to a leaf along the path of smaller
    # children, then back up to its place: fewer comparisons than
    # stopping on the way down, and the layout CPython's heapq makes.
    end = len(heap)
    top = pos
    item = heap[pos]
    child = 2 * pos + 1
    while child < end:
        right = child + 1
        if right < end and not heap[child] < heap[right]:
            child = right
        heap[pos] = heap[child]
        pos = child
        child = 2 * pos + 1
    heap[pos] = item
    _sift_toward_root(heap, top, pos)


def heappush(heap, item, /):
    """Push item onto heap, keeping the heap invariant."""
    _check(heap, 'heappush')
    heap.append(item)
    _sift_toward_root(heap, 0, len(heap) - 1)


def heappop(heap, /):
    """Pop the smallest item off the heap, keeping the heap invariant."""
    _check(heap, 'heappop')
    if not heap:
        raise IndexError("index out of range")
    last = heap.pop()
    if heap:
        smallest = heap[0]
        heap[0] = last
        _sift_toward_leaves(heap, 0)
        return smallest
    return last


def heapreplace(heap, item, /):
    """Pop and return the smallest item, and push item: the heap's size is
    unchanged, and the item returned may be larger than item."""
    _check(heap, 'heapreplace')
    if not heap:
        raise IndexError("index out of range")
    smallest = heap[0]
    heap[0] = item
    _sift_toward_leaves(heap, 0)
    return smallest


def heappushpop(heap, item, /):
    """Push item, then pop and return the smallest item: faster than a
    heappush followed by a heappop."""
    _check(heap, 'heappushpop')
    if heap and heap[0] < item:
        item, heap[0] = heap[0], item
        _sift_toward_leaves(heap, 0)
    return item


def heapify(x, /):
    """Turn the list x into a heap, in place, in linear time."""
    _check(x, 'heapify')
    for i in reversed(range(len(x) // 2)):
        _sift_toward_leaves(x, i)


def merge(*iterables, key=None, reverse=False):
    """Merge sorted inputs into one sorted iterator, lazily. Equal items
    come out in the order of the inputs they came from."""
    heap = []
    for order, it in enumerate(map(iter, iterables)):
        for value in it:
            k = value if key is None else key(value)
            heap.append([_Ordered(k, reverse), order, value, it])
            break
    heapify(heap)
    while heap:
        entry = heap[0]
        yield entry[2]
        it = entry[3]
        for value in it:
            entry[0] = _Ordered(value if key is None else key(value), reverse)
            entry[2] = value
            heapreplace(heap, entry)
            break
        else:
            heappop(heap)


class _Ordered:
    # A key of merge, compared in the order merge wants: reversed for
    # reverse=True, with only < on the keys themselves.
    __slots__ = ('key', 'reverse')

    def __init__(self, key, reverse):
        self.key = key
        self.reverse = reverse

    def __eq__(self, other):
        return self.key == other.key

    def __lt__(self, other):
        if self.reverse:
            return other.key < self.key
        return self.key < other.key


def nsmallest(n, iterable, key=None):
    """The n smallest items of iterable, smallest first: the same as
    sorted(iterable, key=key)[:n]."""
    if n <= 0:
        return []
    return sorted(iterable, key=key)[:n]


def nlargest(n, iterable, key=None):
    """The n largest items of iterable, largest first: the same as
    sorted(iterable, key=key, reverse=True)[:n]."""
    if n <= 0:
        return []
    return sorted(iterable, key=key, reverse=True)[:n]
