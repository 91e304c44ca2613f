#!/bin/sh
# Functional checks through the proxy and on the admin socket.
set -e
url=http://127.0.0.1:8081

curl -sf "$url/" | grep -qx tessera
test "$(curl -s -o /dev/null -w '%{http_code}' "$url/forbidden")" = 403
curl -sfI "$url/x" | grep -qi '^content-type: text/plain'
curl -sf "$url/a" "$url/b" "$url/c" | grep -c tessera | grep -qx 3
echo 'show info' | socat - UNIX-CONNECT:./admin.sock | grep -q '^Name: HAProxy'
echo 'show stat' | socat - UNIX-CONNECT:./admin.sock | grep -q '^origin,s1'
