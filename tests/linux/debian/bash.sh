# bash: traps and signals, subshells killed by signals, background jobs, arrays,
# process substitution with mapfile, here-strings, descriptors, pipefail.
# Run by tests/integration/test_debian_programs.py in an empty directory, natively and
# under Tessera (Debian's /usr shared read-only); the two outputs must be equal.
trap 'echo "trap EXIT"' EXIT
trap 'echo "got USR1"' USR1
kill -USR1 $$
trap 'echo "got TERM"; ' TERM; kill -TERM $$
( trap 'echo "sub INT"; exit 4' INT; kill -INT $BASHPID; echo notreached ); echo "subshell rc=$?"
{ sh -c 'kill -9 $$'; } 2>/dev/null; echo "killed rc=$?"
sleep 0.1 & wait $!; echo "bg rc=$?"
declare -A m=([x]=1 [y]=2); for k in $(printf '%s\n' "${!m[@]}" | sort); do echo "$k=${m[$k]}"; done
arr=(c a b); IFS=$'\n' sorted=($(sort <<<"${arr[*]}")); unset IFS; echo "${sorted[@]}"
while read -r a b; do echo "[$b|$a]"; done < <(printf '1 one\n2 two\n')
mapfile -t lines < <(seq 3); echo "${#lines[@]} ${lines[2]}"
x=$(echo nested $(echo deep)); echo "$x"
str="Hello World"; echo "${str,,} ${str^^} ${str:6} ${str/World/There} ${#str}"
printf '%05d|%-5s|%x\n' 42 ab 255
f() { local v=$1; (( v > 0 )) && { echo -n "$v "; f $((v-1)); } || echo; }; f 5
set -o pipefail; false | true; echo "pipefail rc=$?"
{ echo to-fd3 >&3; } 3>fd3.txt; cat fd3.txt
exec 4<fd3.txt; read -u 4 line; echo "read $line"; exec 4<&-
echo $(( 2**40 )) $(( 17 % 5 )) $(( -7 / 2 ))
[[ "abc123" =~ ^([a-z]+)([0-9]+)$ ]] && echo "${BASH_REMATCH[1]}-${BASH_REMATCH[2]}"
coproc_test() { echo hi | cat; }; coproc_test
echo done
