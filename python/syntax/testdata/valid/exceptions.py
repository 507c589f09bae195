# try/except/else/finally, several handlers, tuples, as; raise forms.
try:
    pass
except:
    pass
try:
    f()
except ValueError:
    pass
except (TypeError, KeyError) as e:
    print(e)
except Exception as err:
    raise
else:
    pass
finally:
    cleanup()
try:
    pass
finally:
    pass
try:
    pass
except E:
    pass
finally:
    pass
raise
raise ValueError
raise ValueError("bad")
raise ValueError("bad") from None
raise X from e


class MyError(Exception):
    def __init__(self, msg, code):
        super().__init__(msg)
        self.code = code
