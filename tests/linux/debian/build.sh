# make (pattern rules, -j2, recursion), tcc compiling to memory and to a file,
# gcc -fsyntax-only.
# Run by tests/integration/test_debian_programs.py in an empty directory, natively and
# under Tessera (Debian's /usr shared read-only); the two outputs must be equal.
export LC_ALL=C.UTF-8
S=$(dirname "$0")
make -f $S/Makefile.test check; make -f $S/Makefile.test -j2 all; make -f $S/Makefile.test -q all; echo "q=$?"
cat > hello.c <<'C'
#include <stdio.h>
int main(int argc, char **argv) { int s = 0; for (int i = 0; i < 10; i++) s += i * argc; printf("tcc says %d\n", s); return 3; }
C
tcc -run hello.c; echo "rc=$?"
tcc -o hello hello.c && ./hello; echo "rc=$?"
gcc -fsyntax-only -Wall hello.c && echo syntax ok
printf 'int main(void) { return undefined_thing; }\n' > bad.c; gcc -fsyntax-only bad.c 2>&1 | grep -c error
