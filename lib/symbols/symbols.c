/*
 * Symbol lookup: binary search in the sorted table that the build appends to
 * the image (symbols.S, generated from `nm -n` of the first link).
 */
#include <stddef.h>
#include <tessera/symbols.h>

/* Laid out by tools/build/gen-symbols.py. */
extern const uint64_t symbols_count;
extern const uint64_t symbols_addresses[];
extern const uint32_t symbols_name_offsets[];
extern const char symbols_names[];
extern char _text[], _etext[];

const char *symbols_lookup(uintptr_t addr, uintptr_t *offset)
{
	size_t lo = 0, hi = symbols_count;

	if (hi == 0 || addr < (uintptr_t)_text || addr >= (uintptr_t)_etext ||
	    addr < symbols_addresses[0])
		return NULL;
	/* Last entry whose address is <= addr. */
	while (hi - lo > 1) {
		size_t mid = lo + (hi - lo) / 2;

		if (symbols_addresses[mid] <= addr)
			lo = mid;
		else
			hi = mid;
	}
	*offset = addr - symbols_addresses[lo];
	return symbols_names + symbols_name_offsets[lo];
}
