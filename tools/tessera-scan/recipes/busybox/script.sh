# A shell session: pipes, redirections, subshells, builtins and applets.
set -e
mkdir -p work && cd work
for i in 1 2 3 4 5; do echo "line $i"; done > lines.txt
test "$(wc -l < lines.txt)" -eq 5
grep -c line lines.txt | grep -qx 5
sort -r lines.txt | head -n 1 | grep -qx 'line 5'
cp lines.txt copy.txt && cmp lines.txt copy.txt
tar -cf a.tar lines.txt copy.txt && mkdir x && tar -xf a.tar -C x && cmp x/lines.txt lines.txt
gzip -c lines.txt | gunzip | cmp - lines.txt
(cd x && ls | wc -l) | grep -qx 2
sed 's/line/row/' lines.txt | awk '{ n += $2 } END { print n }' | grep -qx 15
readlink -f . >/dev/null
stat -c %s lines.txt | grep -qx 35
date +%Y >/dev/null
sleep 0.1
echo "busybox sh ok"
