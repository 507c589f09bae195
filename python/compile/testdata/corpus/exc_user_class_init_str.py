class HttpError(Exception):
    def __init__(self, code):
        self.code = code
    def __str__(self):
        return "HTTP " + str(self.code)
try:
    raise HttpError(404)
except Exception as e:
    print(e, e.code, e.args)
