
# after a form feed
x = 1
y = 2
