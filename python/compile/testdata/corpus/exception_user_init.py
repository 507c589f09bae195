# User-defined exceptions with their own __init__ and attributes.
class ValidationError(Exception):
    def __init__(self, field, problem):
        super().__init__(field + ": " + problem)
        self.field = field
        self.problem = problem


class RangeError(ValidationError):
    def __init__(self, field, lo, hi, value):
        super().__init__(field, "%r not in [%r, %r]" % (value, lo, hi))
        self.bounds = (lo, hi)


class NoSuperInit(Exception):
    def __init__(self, code):
        self.code = code


def check_age(age):
    if not isinstance(age, int):
        raise ValidationError("age", "must be an int")
    if not 0 <= age <= 150:
        raise RangeError("age", 0, 150, age)
    return age


for value in [30, "x", 200]:
    try:
        print("ok", check_age(value))
    except RangeError as e:
        print("range:", e, "|", e.field, e.bounds, e.args)
    except ValidationError as e:
        print("invalid:", e, "|", e.field, e.problem)

try:
    raise NoSuperInit(7)
except NoSuperInit as e:
    print(repr(str(e)), e.args, e.code, repr(e))

print(issubclass(RangeError, ValidationError), issubclass(RangeError, Exception))
print([c.__name__ for c in RangeError.__mro__])
