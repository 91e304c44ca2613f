# Here-documents, command substitution, pipelines, exit statuses and traps.
name=tessera
cat <<END
Hello, $name.
Today is a test: $((6 * 7)) is the answer.
END
cat <<'END'
Quoted: $name stays as is.
END
count=$(printf 'a\nb\nc\n' | wc -l)
echo "count=$count"
if echo foo | grep -q bar; then echo "unexpected"; else echo "grep said no: $?"; fi
sh -c 'exit 5'; echo "child exit: $?"
( exit 7 ); echo "subshell exit: $?"
out=$(for w in x y z; do echo "<$w>"; done | tr -d '\n')
echo "$out"
read -r first rest <<END
alpha beta gamma
END
echo "first=$first rest=$rest"
trap 'echo "trap on exit"' EXIT
echo done
