# gawk (getline from a file and a command, system()), sed -i, grep -E/-P,
# diff and patch, diff of two process substitutions.
# Run by tests/integration/test_debian_programs.py in an empty directory, natively and
# under Tessera (Debian's /usr shared read-only); the two outputs must be equal.
set -e
export LC_ALL=C.UTF-8 SCRIPT=$0
seq 1 50 | gawk '{s+=$1; a[$1%5]++} END {printf "%d %.3f\n", s, s/NR; for (k in a) n++; print n; print toupper("x") sprintf("%05.1f", 3.14159)}'
gawk 'BEGIN { while ((getline line < ENVIRON["SCRIPT"]) > 0) n++; print n > "/dev/stderr"; print length("héllo"); split("a,b,c", x, ","); print x[3]; "echo hi" | getline y; print y; system("echo from system") }'
printf 'alpha\nbeta\ngamma\ndelta\n' > f
sed -n '2,3p' f; sed 's/a/A/g; /gAmmA/d' f; sed -E 's/(.)(.*)/\2\1/' f
sed -i.bak 's/beta/BETA/' f; cat f; cat f.bak | head -1
grep -E '^(a|g)' f; grep -c a f; grep -P '(?<=l)ph' f; grep -oP '\b\w{5}\b' f; grep -n -v -i ALPHA f
grep -rl BETA . | sort
printf 'one\ntwo\nthree\n' > a; printf 'one\n2\nthree\nfour\n' > b
diff a b > p.diff || true; cat p.diff; diff -u a b | tail -n +3 > u.diff || true; cat u.diff
cp a c; patch c < u.diff; cmp c b && echo patched
diff <(echo x) <(echo y) || echo differ
comm -12 <(sort a) <(sort b)
