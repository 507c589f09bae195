# An exception in a class body names the class as the frame.
print("defining Settings")


class Settings:
    base = 10
    derived = base // 0
