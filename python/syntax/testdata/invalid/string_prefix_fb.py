x = fb'x'
