module tessera/gotest

go 1.19
