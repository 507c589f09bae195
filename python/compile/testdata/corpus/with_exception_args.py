# __exit__ receives the exception's type, value and traceback.
class Inspect:
    def __enter__(self):
        return self

    def __exit__(self, exc_type, exc_value, traceback):
        if exc_type is None:
            print("clean exit:", exc_type, exc_value, traceback)
        else:
            print("type:", exc_type.__name__)
            print("value:", repr(exc_value))
            print("same object:", type(exc_value) is exc_type)
            print("traceback given:", traceback is not None)
        return True


with Inspect():
    pass

with Inspect():
    raise ValueError("first", 2)


class CustomError(Exception):
    pass


with Inspect():
    raise CustomError


class ReRaise:
    def __enter__(self):
        return self

    def __exit__(self, exc_type, exc_value, tb):
        raise RuntimeError("from __exit__") from exc_value


try:
    with ReRaise():
        raise KeyError("original")
except RuntimeError as e:
    print(e, "caused by", repr(e.__cause__), "context", repr(e.__context__))
