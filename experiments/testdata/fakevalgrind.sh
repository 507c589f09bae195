#!/bin/sh
# A stand-in for valgrind in TestSpeedInstructions: it runs nothing and
# reports, as callgrind would, a count of 1,000,000 instructions plus
# K * 1000 per unit of work, the units being the command's last argument
# and K 3 under -policy eml, 2 under -policy gil, 1 otherwise (CPython).
# With FAKE_VALGRIND=fail it fails; with FAKE_VALGRIND=silent it prints
# no count.
k=1
prev=
for a in "$@"; do
	if [ "$prev" = -policy ]; then
		case $a in eml) k=3 ;; gil) k=2 ;; esac
	fi
	prev=$a
	n=$a
done
case $FAKE_VALGRIND in
fail) echo "valgrind: the command failed" >&2; exit 1 ;;
silent) exit 0 ;;
esac
echo "==42== Collected : $((1000000 + k * n * 1000))" >&2
