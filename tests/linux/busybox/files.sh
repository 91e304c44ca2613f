# File manipulation in the root file system (a ramfs), with applets that fork.
set -e
dir=/tmp/work
mkdir -p "$dir/a/b"
cd "$dir"
for i in 3 1 2; do echo "line $i" >> a/list.txt; done
sort a/list.txt > a/sorted.txt
cat a/sorted.txt
cp a/sorted.txt a/b/copy.txt
mv a/b/copy.txt a/b/moved.txt
ln -s ../sorted.txt a/b/link
cat a/b/link | wc -l
ls -1 a a/b
head -c 6 a/b/moved.txt; echo
grep -c line a/list.txt
sed 's/line/LINE/' a/list.txt | tr 'A-Z' 'a-z' | tail -1
find . -name '*.txt' | sort
dd if=/dev/zero of=zeros bs=1024 count=64 2>/dev/null
wc -c < zeros
md5sum a/sorted.txt | cut -d' ' -f1
rm -r a
[ ! -e a ] && echo "removed"
chmod 600 zeros && stat -c '%a %s' zeros
