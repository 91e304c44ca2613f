#!/bin/sh
# Functional checks of nginx's static serving; each must hold, or the trial fails.
set -e
url=http://127.0.0.1:8080

curl -sf "$url/" | grep -q '<h1>tessera</h1>'
test "$(curl -s -o /dev/null -w '%{http_code}' "$url/missing")" = 404
test "$(curl -s -o /dev/null -w '%{http_code}' -X POST "$url/index.html")" = 405
curl -sfI "$url/index.html" | grep -qi '^content-length: 17'
# sendfile path: a large file must arrive intact
curl -sf "$url/big.bin" | cmp - html/big.bin
# byte ranges
test "$(curl -s -r 100-199 "$url/big.bin" | wc -c)" = 100
# conditional GET
since=$(curl -sfI "$url/index.html" | sed -n 's/^[Ll]ast-[Mm]odified: //p' | tr -d '\r')
test "$(curl -s -o /dev/null -w '%{http_code}' -H "If-Modified-Since: $since" "$url/index.html")" = 304
# gzip filter
curl -sf -H 'Accept-Encoding: gzip' "$url/gz/numbers.txt" | gunzip | cmp - html/gz/numbers.txt
# keep-alive: several requests on one connection
curl -sf "$url/index.html" "$url/index.html" "$url/index.html" | grep -c tessera | grep -qx 3
# the access log was written
grep -q 'GET /big.bin' logs/access.log
