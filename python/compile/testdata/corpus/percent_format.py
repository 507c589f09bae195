# printf-style formatting with %.
name, n, x = "ann", 42, 3.14159
print("%s is %d years" % (name, n))
print("[%5d] [%-5d] [%05d] [%+d] [% d] [%x] [%X] [%#x] [%o] [%#o]" % (n, n, n, n, n, 255, 255, 255, 8, 8))
print("[%f] [%.2f] [%8.3f] [%-8.1f] [%e] [%.3E] [%g] [%G]" % (x, x, x, x, x, x, x, 1e-10))
print("[%s] [%r] [%a] [%10s] [%-10s] [%.2s]" % (name, name, "é", name, name, name))
print("%c%c %i %u %%" % (72, "i", 7, 8))
print("%(name)s has %(count)d items; %(name)s again" % {"name": "bob", "count": 3})
print("single value: %s" % "alone", "tuple as one value: %s" % ((1, 2),))
print("%s" % [1, 2], "%d%%" % 50, "%.0f %.0f" % (0.5, 1.5))
print("%*d|%-*d|%.*f" % (5, 1, 4, 2, 2, x))
print("%s %s" % (None, True), "%d" % True, "%d" % 3.99, "%x" % -255)
for bad in [("%d", "x"), ("%s %s", ("one",)), ("%s", (1, 2)), ("%z", 1), ("%(k)s", 5)]:
    fmt, args = bad
    try:
        print(fmt % args)
    except (TypeError, ValueError, KeyError) as e:
        print(type(e).__name__ + ":", e)
