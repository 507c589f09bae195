f(1, *del args)
