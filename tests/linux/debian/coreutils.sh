# coreutils, find/xargs, tar and the compressors: pipelines larger than a pipe,
# process substitution (/dev/fd), files in ramfs.
# Run by tests/integration/test_debian_programs.py in an empty directory, natively and
# under Tessera (Debian's /usr shared read-only); the two outputs must be equal.
set -e
seq 1 2000 | sort -R --random-source=/dev/zero | sort -n | tail -3
printf 'b\na\nc\na\nb\na\n' | sort | uniq -c
seq 1 1000 > nums; wc nums; wc -l < nums
sha256sum nums; md5sum nums; sha1sum nums; b2sum nums | cut -c1-32
echo "x y z" | cut -d" " -f1; echo a:b:c | tr ':' '\n' | paste -sd,
printf '1 a\n2 b\n' > j1; printf '1 X\n2 Y\n' > j2; join j1 j2
mkdir -p d/e/f; for i in 1 2 3; do echo $i > d/e/f/file$i; echo $i > d/file$i.txt; done
find d -type f | sort; find d -name '*.txt' -print0 | sort -z | xargs -0 cat
find d -type f | sort | xargs -n2 echo
dd if=/dev/zero of=zeros bs=1k count=64 2>/dev/null; ls -l zeros | awk '{print $5}'
dd if=nums of=part bs=7 skip=3 count=5 2>/dev/null; cat part; echo
tar cf a.tar d; tar tf a.tar | sort; mkdir x; tar xf a.tar -C x; diff -r d x/d && echo tar same
for z in gzip xz bzip2 zstd; do $z -c nums > nums.z; $z -dc nums.z | cmp - nums && echo $z ok; done
tar cf - d | gzip > a.tgz; gzip -dc a.tgz | tar tf - | sort | head -2
xz -dc <(xz -c a.tar) | cmp - a.tar && echo procsub ok
seq 100000 | gzip -9 | gzip -dc | sha256sum
stat -c '%s %F %a' nums; stat -c '%F %a' d
ln -s nums link; readlink link; realpath link | sed 's|.*/||'
cp -a d d2; mv d2 d3; rm -r d3; ls
du -sb nums | cut -f1
expr 3 \* 7; factor 1001; numfmt --to=iec 1048576
echo done
