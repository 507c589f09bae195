from x import a as
