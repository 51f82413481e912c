/* sl_mem.h — the process's memory policy: freed buffers stay with the process.
 *
 * glibc's malloc hands blocks from 128 KiB up (a threshold it raises as
 * blocks are freed) to fresh mmap()s and returns freed heap tops to the
 * kernel, so a workspace allocated again for every run (a sweep's runs, a
 * best-of-N bench, the kernel and Cholesky buffers of each diffusion map)
 * has every 4 KiB page faulted in again, and on a virtual machine each first
 * touch is a trip through the hypervisor. sl_mem_init, first thing in main
 * (sl_driver_begin does it for the drivers), makes malloc serve blocks up to
 * SL_MEM_MMAP_MAX from its heap and keep what is freed there, so the second
 * run reuses pages the first one faulted in.
 *
 * Where a buffer sits changes no arithmetic: the same bits either way
 * (tests/test_nne.c runs a diffusion map with and without the policy; tests/test_core.c
 * checks the policy itself).
 * The price is that the process keeps its peak heap until it exits. */
#ifndef SL_MEM_H
#define SL_MEM_H

#define SL_MEM_MMAP_MAX (32L << 20) /* glibc's largest mmap threshold on 64-bit */

/* Apply the policy (idempotent). Returns 0 on success, -1 if malloc refused
 * a setting (the process then runs with glibc's defaults). */
int sl_mem_init(void);

#endif
