# Many small programs: sort with threads and temporary files, split, xargs -P,
# find -exec/-delete, binutils, gcc compiling and linking, xz/zstd with threads, dates and ids.
# Run by tests/integration/test_debian_programs.py in an empty directory, natively and
# under Tessera (Debian's /usr shared read-only); the two outputs must be equal.
export LC_ALL=C.UTF-8 TZ=UTC
seq 200000 | shuf --random-source=/dev/zero | sort -n --parallel=2 -S 1M | tail -1
seq 50000 > n; split -l 10000 n part.; ls part.* | wc -l; cat part.* | cmp - n && echo split ok
seq 20 | xargs -P 3 -n 4 echo | sort | head -2
find . -name 'part.*' -exec wc -l {} + | tail -1
find . -name 'part.a*' -newer n -delete; ls part.* 2>/dev/null | wc -l
od -An -tx1 -N8 /usr/bin/bash; printf 'abc' | hexdump -C | head -1; strings -n 8 /usr/bin/true | grep -c GLIBC
readelf -h /usr/bin/true | grep -E 'Class|Type'; nm -D /usr/lib/x86_64-linux-gnu/libz.so.1 | grep -c ' T '
printf '#include <stdio.h>\n#include <math.h>\nint main(){printf("%%.3f\\n", sqrt(2.0)); return 0;}\n' > m.c
gcc -O2 -o m m.c -lm && ./m; gcc -c m.c -o m.o && objdump -d m.o | grep -c 'call'
xz -T2 -c n | xz -dc | cmp - n && echo xz-T2 ok; zstd -q -T2 -c n | zstd -qdc | cmp - n && echo zstd-T2 ok
tee t1 t2 < n > /dev/null; cmp t1 t2 && echo tee ok
sha256sum n | awk '{print $1}'; cksum n
ls -la --time-style=+ n | awk '{print $1, $5}'; touch -d '2020-01-01 00:00:00' n; date -r n +%Y; stat -c %Y n
date -d @0 -u; date -u -d '2024-02-29 12:00' +%j
id -u; whoami 2>&1; hostname >/dev/null && echo host ok; uname -sm
env -i PATH=/usr/bin printenv PATH; nice -n 5 nice; ionice -c3 true; echo ionice $?
flock lk -c 'echo locked'; mktemp -d | grep -c tmp
getconf PAGESIZE; getconf ARG_MAX
echo done
