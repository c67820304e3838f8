/* Error values shared by the route decoders. */
#include "rt_internal.h"

#include <string.h>

void nf_rt_error_init(struct nf_rt_error *err)
{
	memset(err, 0, sizeof *err);
	err->what = "";
}

void nf_rt_fail(struct nf_rt_error *err, enum nf_rt_errcode code, size_t record, size_t offset,
		size_t at, const char *what, bool resynced)
{
	if (err->nerrors++ == 0) {
		err->code = code;
		err->record = record;
		err->offset = offset;
		err->at = at;
		err->what = what;
		err->resynced = resynced;
	}
}

void nf_rt_copy_name(char dst[NF_RT_IFNAMSIZ], struct nf_cur *src)
{
	size_t k = 0;
	uint8_t ch;

	while (k + 1 < NF_RT_IFNAMSIZ && nf_cur_get_u8(src, &ch) && ch)
		dst[k++] = (char)ch;
	dst[k] = 0;
}
