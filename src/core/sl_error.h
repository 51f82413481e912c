/* sl_error.h — one error convention for speclab.
 *
 * Every public function that can fail returns an sl_status. On failure it
 * also leaves a human-readable message (with file:line of the input that was
 * wrong, where there is one) retrievable with sl_errmsg(). Library code never
 * prints and never exits; drivers print sl_errmsg() and exit non-zero. */
#ifndef SL_ERROR_H
#define SL_ERROR_H

typedef enum {
    SL_OK = 0,
    SL_EINVAL,   /* bad argument or dimension (a programming error)      */
    SL_ENOMEM,   /* allocation failed                                     */
    SL_EIO,      /* file missing, unreadable or unwritable                */
    SL_EFORMAT,  /* a file's content is malformed (IDX, YAML syntax)      */
    SL_ECONFIG,  /* a config is well-formed but wrong (key, type, range)  */
    SL_ECHECKSUM,/* a data file's SHA-256 does not match                  */
    SL_ENUMERIC, /* NaN/Inf or a failed factorisation                     */
    SL_EINTR     /* interrupted by a signal                               */
} sl_status;

/* Record a failure: formats the message (printf-style) and returns st so that
 * callers can write `return sl_fail(SL_EIO, "cannot open %s", path);`.
 * The message lives in thread-local storage until the next sl_fail. */
sl_status sl_fail(sl_status st, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/* The message of the last failure on this thread ("" if none). */
const char *sl_errmsg(void);

/* Short name of a status ("config error", ...). */
const char *sl_strstatus(sl_status st);

/* Propagate a failing status unchanged. */
#define SL_TRY(expr) do { sl_status sl_try_st_ = (expr); \
                          if (sl_try_st_ != SL_OK) return sl_try_st_; } while (0)

#endif
