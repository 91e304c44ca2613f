-- Standard input to its end: count words and lines, echo a transformed copy.
local lines, words = 0, 0
for line in io.lines() do
	lines = lines + 1
	for _ in line:gmatch("%S+") do words = words + 1 end
	if lines <= 3 then io.write(line:upper(), "\n") end
end
io.stderr:write("to stderr\n")
print(lines, words)
os.exit(lines % 256)
