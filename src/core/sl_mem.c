#include "sl_mem.h"

#include <malloc.h>

int sl_mem_init(void)
{
    static int done, rc;
    if (done++) return rc;
    /* blocks up to SL_MEM_MMAP_MAX from the heap (fixing the threshold also
     * stops glibc's sliding one); freed heap tops are not trimmed */
    if (!mallopt(M_MMAP_THRESHOLD, (int)SL_MEM_MMAP_MAX)) rc = -1;
    if (!mallopt(M_TRIM_THRESHOLD, -1)) rc = -1;
    return rc;
}
