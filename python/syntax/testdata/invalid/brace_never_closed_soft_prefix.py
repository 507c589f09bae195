retu{n y
