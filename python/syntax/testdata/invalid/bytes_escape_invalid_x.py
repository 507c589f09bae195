b = b'\xz1'
