#!/bin/sh
# Lays out the scratch directory that nginx.conf serves.
set -e
mkdir -p html/gz logs tmp
cp "$TS_DIR/recipes/nginx/nginx.conf" .
printf '<h1>tessera</h1>\n' > html/index.html
head -c 300000 /dev/urandom > html/big.bin
seq 1 20000 > html/gz/numbers.txt
