# Loops, arithmetic and functions: all builtins.
total=0
i=1
while [ $i -le 100 ]; do
	total=$((total + i * i))
	i=$((i + 1))
done
echo "sum of squares: $total"

fib() {
	a=0 b=1 n=$1
	while [ "$n" -gt 0 ]; do
		t=$((a + b)); a=$b; b=$t; n=$((n - 1))
	done
	echo "$a"
}
for n in 10 20 30 40 50; do
	printf 'fib(%d) = %s\n' "$n" "$(fib $n)"
done

case "tessera" in
tess*) echo "case: prefix matched" ;;
*) echo "case: no match" ;;
esac
set -- one two three
echo "args: $# first=$1 last=${3}"
shift
echo "after shift: $*"
word="hello world"
echo "length ${#word}, upper part ${word%% *}, rest ${word#* }"
