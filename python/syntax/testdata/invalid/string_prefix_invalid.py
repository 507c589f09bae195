x = kf'x'
