# sqlite3's shell, Lua, bc and dc, jq, openssl (AES, digests, HMAC, base64, Ed25519
# signatures), file(1) with its magic database.
# Run by tests/integration/test_debian_programs.py in an empty directory, natively and
# under Tessera (Debian's /usr shared read-only); the two outputs must be equal.
export LC_ALL=C.UTF-8
sqlite3 t.db "create table a(x); insert into a values(1),(2),(3); select sum(x) from a;"
printf 'select count(*) from a;\n.tables\n.mode csv\nselect x, x*x from a;\n' | sqlite3 t.db
lua5.4 -e 'local t={} for i=1,10 do t[#t+1]=i*i end print(table.concat(t,","), string.format("%5.2f", math.pi), ("abc"):rep(3), #arg)'
lua5.4 -e 'local f=io.open("l.txt","w") f:write("x\ny\n") f:close() for l in io.lines("l.txt") do io.write(l,";") end print(os.execute("exit 3"))'
echo 'scale=30; 4*a(1)' | bc -l; echo '2 100 ^ p' | dc; echo '[p]sa 5 la x' | dc
echo '{"a":[1,2,3],"b":{"c":"d"}}' | jq -c '.a | map(.*2)'; echo '[{"n":"x","v":2},{"n":"y","v":1}]' | jq -r 'sort_by(.v) | .[].n'
jq -n '[range(10)] | add'
seq 1000 > plain; openssl enc -aes-256-cbc -pbkdf2 -pass pass:secret -S 0011223344556677 -in plain -out enc; openssl enc -d -aes-256-cbc -pbkdf2 -pass pass:secret -in enc | cmp - plain && echo aes ok
openssl dgst -sha256 plain | sed 's/.*= //'; openssl dgst -sha512 -hmac key plain | sed 's/.*= //' | cut -c1-32
openssl base64 -in plain | openssl base64 -d | cmp - plain && echo b64 ok
openssl genpkey -algorithm ED25519 -out k.pem 2>/dev/null && openssl pkey -in k.pem -pubout -out p.pem && openssl pkeyutl -sign -inkey k.pem -rawin -in plain -out sig && openssl pkeyutl -verify -pubin -inkey p.pem -rawin -in plain -sigfile sig
openssl prime 2147483647; openssl rand -hex 8 | wc -c
file -b $0 /usr/bin/bash plain enc k.pem /usr/lib/x86_64-linux-gnu/libc.so.6 | sed 's/BuildID\[sha1\]=[0-9a-f]*/BuildID/'
file -b --mime-type t.db /usr/share/doc/bash/copyright
