#include "sl_signal.h"

#include <signal.h>
#include <string.h>
#include <unistd.h>

static volatile sig_atomic_t pending;
static const char *volatile tmp_path;

static void on_signal(int sig)
{
    const char *t = tmp_path;
    if (t) { /* dying mid-write: never leave a temporary behind */
        unlink(t);
        signal(sig, SIG_DFL);
        raise(sig);
    }
    if (pending) { /* second signal: the user insists */
        signal(sig, SIG_DFL);
        raise(sig);
    }
    pending = sig;
}

void sl_signal_install(void)
{
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_signal;
    sigemptyset(&sa.sa_mask);
    sigaction(SIGINT, &sa, NULL);
    sigaction(SIGTERM, &sa, NULL);
    /* a file-size limit (like a full disk) must fail the write with an
     * error message, not kill the process */
    signal(SIGXFSZ, SIG_IGN);
}

int sl_signal_pending(void) { return pending; }

void sl_signal_register_tmp(const char *path) { tmp_path = path; }
