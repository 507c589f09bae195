# The whole traceback of an exception with a suggestion, raised while
# handling another one that has its own.
def load(settings):
    try:
        return settings.valeus
    except AttributeError:
        return defualt_value


class Settings:
    def __init__(self):
        self.values = {}


default_value = {}
load(Settings())
