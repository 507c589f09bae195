# An exception raised while handling another prints both, with "During handling".
def cleanup():
    raise OSError("disk gone")


try:
    {}["config"]
except KeyError:
    cleanup()
