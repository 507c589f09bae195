class AppError(Exception):
    pass
class DbError(AppError):
    pass
try:
    raise DbError("conn lost", 3)
except AppError as e:
    print(type(e).__name__, e.args, isinstance(e, Exception), isinstance(e, DbError))
try:
    raise AppError("app")
except DbError:
    print("wrong")
except Exception as e:
    print("base", repr(e))
