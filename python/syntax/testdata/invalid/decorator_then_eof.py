@x
class