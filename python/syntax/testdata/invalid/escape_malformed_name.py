s = '\N{BULLET'
