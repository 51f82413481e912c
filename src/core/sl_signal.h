/* sl_signal.h — interruption that loses nothing.
 *
 * sl_signal_install() makes SIGINT/SIGTERM set a flag instead of killing the
 * process; long loops poll sl_signal_pending() and return SL_EINTR, so the
 * driver can say what it was doing and exit without writing results. If a
 * results file is being written at that moment, its temporary file is
 * removed by the handler before the process dies. */
#ifndef SL_SIGNAL_H
#define SL_SIGNAL_H

void sl_signal_install(void);
/* Which signal arrived (0 if none). */
int sl_signal_pending(void);
/* The temporary file to unlink if a signal arrives during the final write
 * (NULL to clear). The string must outlive the registration. */
void sl_signal_register_tmp(const char *path);

#endif
