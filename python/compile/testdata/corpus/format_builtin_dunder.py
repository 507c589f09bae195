# format() and __format__: user classes choose what a spec means.
print(format(3.14159, ".2f"), format(42, "08b"), format("x", ">3"), format(7))
print(format(12345, ","), format(-1.5, "+.1e"), format(True), format(None))


class Duration:
    def __init__(self, seconds):
        self.seconds = seconds

    def __format__(self, spec):
        if spec == "hms":
            m, s = divmod(self.seconds, 60)
            h, m = divmod(m, 60)
            return "%d:%02d:%02d" % (h, m, s)
        if spec == "":
            return str(self.seconds) + "s"
        return format(self.seconds, spec)

    def __str__(self):
        return "Duration(%d)" % self.seconds


d = Duration(3725)
print(format(d, "hms"), format(d), format(d, ">8"))
print(f"{d:hms} {d} {d!s} {d:,}")
print("{:hms} | {}".format(d, d))


class Plain:
    def __str__(self):
        return "plain"


print(format(Plain()), f"{Plain()}", f"{Plain()!s:>7}")
try:
    format(Plain(), ">10")
except TypeError as e:
    print(e)


class BadFormat:
    def __format__(self, spec):
        return 5


try:
    f"{BadFormat()}"
except TypeError as e:
    print(e)
