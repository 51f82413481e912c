#include "sl_error.h"

#include <stdarg.h>
#include <stdio.h>

static _Thread_local char sl_msg[2048];

sl_status sl_fail(sl_status st, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(sl_msg, sizeof sl_msg, fmt, ap);
    va_end(ap);
    return st;
}

const char *sl_errmsg(void) { return sl_msg; }

const char *sl_strstatus(sl_status st)
{
    switch (st) {
    case SL_OK:        return "ok";
    case SL_EINVAL:    return "invalid argument";
    case SL_ENOMEM:    return "out of memory";
    case SL_EIO:       return "i/o error";
    case SL_EFORMAT:   return "format error";
    case SL_ECONFIG:   return "config error";
    case SL_ECHECKSUM: return "checksum mismatch";
    case SL_ENUMERIC:  return "numerical error";
    case SL_EINTR:     return "interrupted";
    }
    return "unknown error";
}
