# An uncaught user exception prints its class name and str().
class QuotaExceeded(Exception):
    def __init__(self, user, used, limit):
        super().__init__(user, used, limit)
        self.user = user

    def __str__(self):
        user, used, limit = self.args
        return "%s used %d of %d MB" % (user, used, limit)


def upload(user, size):
    used = 90
    if used + size > 100:
        raise QuotaExceeded(user, used + size, 100)
    print("uploaded")


upload("ann", 5)
upload("bob", 20)
