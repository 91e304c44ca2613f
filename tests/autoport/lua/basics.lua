-- The language itself: numbers, strings, tables, closures, coroutines, errors.
print(_VERSION, math.type(1), math.type(1.0), 7 // 2, 7 % -3, 2^53, 1e308 * 10, -0.0)
print(string.format("%5.2f|%-8s|%x|%q|%g", math.pi, "left", 48879, "a\nb", 1e20))
print(("hello world"):gsub("o", "0"), ("abc"):rep(3, ","), ("Tessera"):upper():reverse())
print(string.find("key=value", "(%w+)=(%w+)"))
print(utf8.char(72, 228, 8364, 128512), utf8.len("häll€"))
print(string.pack(">I4", 0xdeadbeef):byte(1, -1))

local t = {}
for i = 1, 200000 do t[i] = (i * 7919) % 100003 end
table.sort(t)
print(#t, t[1], t[#t], table.concat({1, 2, 3}, "-"), select("#", table.unpack(t, 1, 50)))

local function counter()
	local n = 0
	return function() n = n + 1; return n end
end
local c = counter()
c(); c()
print("closure", c())

local gen = coroutine.wrap(function()
	for i = 1, 3 do coroutine.yield(i * i) end
	return "done"
end)
print("coroutine", gen(), gen(), gen(), gen())

-- Messages name the script: keep the line only, so that any path compares equal.
local function where(msg) return (msg:gsub("^.-:(%d+):", "line %1:")) end
local ok, err = pcall(function() error({code = 42}) end)
print(ok, type(err), err.code)
print(where(select(2, pcall(function() error("with position") end))))
print(select(2, xpcall(function() local x = nil; return x.y end, function(m) return "handled: " .. where(m) end)))
print(load("return 6 * 7")(), load("syntax error here"))

local mt = {__add = function(a, b) return a.v + b.v end, __tostring = function(s) return "<" .. s.v .. ">" end}
local a, b = setmetatable({v = 1}, mt), setmetatable({v = 2}, mt)
print(a + b, tostring(a))

local weak = setmetatable({}, {__mode = "k"})
weak[{}] = 1
collectgarbage()
print("weak table emptied by the collector:", next(weak) == nil)

-- Fibonacci with memoisation, big loops: the interpreter's hot paths.
local memo = {}
local function fib(n) if n < 2 then return n end memo[n] = memo[n] or fib(n - 1) + fib(n - 2) return memo[n] end
print("fib(90)", fib(90))
local sum = 0
for i = 1, 3000000 do sum = sum + i % 7 end
print("sum", sum)
