/* Test-only target (not in targets/, so not shipped or listed): reads one
 * byte past the input when it starts with "BOOM", to prove that replay
 * detects and attributes a crash. */
#include "netfuzz/target.h"

NF_META(nf_overread, links, "none") /* only libnetfuzz-core.a: see include/netfuzz/target.h */
NF_TARGET(nf_overread, "test", "off-by-one read on magic input")
{
	if (size == 4 && data[0] == 'B' && data[1] == 'O' && data[2] == 'O' && data[3] == 'M')
		return data[size] == 0; /* deliberate heap over-read */
	return 0;
}
