-- Files and the operating system, in the directory given as arg[1].
local dir = assert(arg[1], "usage: files.lua DIR")
local path = dir .. "/notes.txt"

local f = assert(io.open(path, "w"))
for i = 1, 1000 do f:write(string.format("line %04d %s\n", i, string.rep("x", i % 50))) end
f:close()

local n, bytes = 0, 0
for line in io.lines(path) do n = n + 1; bytes = bytes + #line + 1 end
print("lines", n, "bytes", bytes)

f = assert(io.open(path, "r"))
print("size", f:seek("end"), "seek", f:seek("set", 10), f:read(9))
f:close()

f = assert(io.open(path, "a+"))
f:write("appended\n")
f:seek("set", 0)
local all = f:read("a")
f:close()
print("tail", all:sub(-9, -2), "total", #all)

print("rename", os.rename(path, dir .. "/renamed.txt"))
print("old gone", io.open(path) == nil, select(2, io.open(path)) ~= nil)
print("remove", os.remove(dir .. "/renamed.txt"), os.remove(dir .. "/renamed.txt") == nil)
print("missing", select(2, io.open(dir .. "/no/such/file")):gsub("^.*: ", ""))

print("time is sane", os.time() > 1500000000, os.time{year = 2000, month = 1, day = 1, hour = 12} ~= nil)
print("date", os.date("!%Y-%m-%d %H:%M:%S", 86400 * 365))
print("clock", type(os.clock()), os.clock() >= 0)
print("getenv", os.getenv("GREETING"), os.getenv("NO_SUCH_VARIABLE"))
