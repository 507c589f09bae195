# A NameError for the name of a standard library module: CPython asks
# whether an import was forgotten.
def now():
    return time.time()


print("before")
now()
