/* Fault injection for tests only (LD_PRELOAD; never linked into tws): counts the
 * calls that change files — open/fopen for writing, write, pwrite, fwrite, ftruncate,
 * fsync, fdatasync, syncfs, rename, link, unlink and their *at forms — and makes the
 * N-th one fail with a chosen errno, as a full disk, a failing disk or a lost
 * permission would.
 *   TWS_FAULT_AT=N      the call to fail (1-based; unset or 0: none)
 *   TWS_FAULT_ERRNO=E   its errno (number; default ENOSPC)
 *   TWS_FAULT_LOG=FILE  at exit, the number of calls counted is appended to FILE
 *   TWS_FAULT_TRACE=FILE  each call counted is appended to FILE as "N name"
 * And an input replaced during a run: at the first open of a path containing
 * $TWS_SWAP_WHEN, $TWS_SWAP_FROM is renamed over $TWS_SWAP_TO (not counted).
 * Writes to standard input, output and error are not counted (messages). */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>
#include <unistd.h>

static atomic_long calls;

static long env_long(const char* name, long fallback) {
  const char* v = getenv(name);
  return v && *v ? strtol(v, NULL, 10) : fallback;
}

static void trace(long n, const char* name);

/* 1 when this call is the one to fail (errno is then set). */
#define fault() fault_at(__func__)
static int fault_at(const char* name) {
  static long at = -1, err = 0;
  if (at < 0) {
    at = env_long("TWS_FAULT_AT", 0);
    err = env_long("TWS_FAULT_ERRNO", ENOSPC);
  }
  long n = atomic_fetch_add(&calls, 1) + 1;
  trace(n, name);
  if (at > 0 && n == at) {
    errno = (int)err;
    return 1;
  }
  return 0;
}

#define REAL(name) ((__typeof__(&name))dlsym(RTLD_NEXT, #name))

static void swap_at(const char* path) {
  static atomic_int done;
  const char* when = getenv("TWS_SWAP_WHEN");
  if (!when || !*when || !strstr(path, when) || atomic_exchange(&done, 1)) return;
  int saved = errno;
  REAL(rename)(getenv("TWS_SWAP_FROM"), getenv("TWS_SWAP_TO"));
  errno = saved;
}

static void trace(long n, const char* name) {
  static int fd = -2;
  if (fd == -2) {
    const char* file = getenv("TWS_FAULT_TRACE");
    fd = file && *file ? REAL(open)(file, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644) : -1;
  }
  if (fd < 0) return;
  char line[64];
  int len = snprintf(line, sizeof line, "%ld %s\n", n, name);
  int saved = errno;
  REAL(write)(fd, line, (size_t)len);
  errno = saved;
}

static int for_writing(int flags) { return (flags & (O_WRONLY | O_RDWR | O_CREAT | O_TRUNC)) != 0; }

int open(const char* path, int flags, ...) {
  mode_t mode = 0;
  if (flags & (O_CREAT | O_TMPFILE)) { va_list a; va_start(a, flags); mode = va_arg(a, mode_t); va_end(a); }
  swap_at(path);
  if (for_writing(flags) && fault()) return -1;
  return REAL(open)(path, flags, mode);
}
int open64(const char* path, int flags, ...) {
  mode_t mode = 0;
  if (flags & (O_CREAT | O_TMPFILE)) { va_list a; va_start(a, flags); mode = va_arg(a, mode_t); va_end(a); }
  swap_at(path);
  if (for_writing(flags) && fault()) return -1;
  return REAL(open64)(path, flags, mode);
}
int openat(int dir, const char* path, int flags, ...) {
  mode_t mode = 0;
  if (flags & (O_CREAT | O_TMPFILE)) { va_list a; va_start(a, flags); mode = va_arg(a, mode_t); va_end(a); }
  swap_at(path);
  if (for_writing(flags) && fault()) return -1;
  return REAL(openat)(dir, path, flags, mode);
}
int openat64(int dir, const char* path, int flags, ...) {
  mode_t mode = 0;
  if (flags & (O_CREAT | O_TMPFILE)) { va_list a; va_start(a, flags); mode = va_arg(a, mode_t); va_end(a); }
  swap_at(path);
  if (for_writing(flags) && fault()) return -1;
  return REAL(openat64)(dir, path, flags, mode);
}
int creat(const char* path, mode_t mode) { return fault() ? -1 : REAL(creat)(path, mode); }

static int mode_writes(const char* mode) { return strpbrk(mode, "wa+") != NULL; }
FILE* fopen(const char* path, const char* mode) {
  swap_at(path);
  if (mode_writes(mode) && fault()) return NULL;
  return REAL(fopen)(path, mode);
}
FILE* fopen64(const char* path, const char* mode) {
  swap_at(path);
  if (mode_writes(mode) && fault()) return NULL;
  return REAL(fopen64)(path, mode);
}

ssize_t write(int fd, const void* buf, size_t n) {
  if (fd > 2 && fault()) return -1;
  return REAL(write)(fd, buf, n);
}
ssize_t pwrite(int fd, const void* buf, size_t n, off_t at) { return fault() ? -1 : REAL(pwrite)(fd, buf, n, at); }
ssize_t pwrite64(int fd, const void* buf, size_t n, off64_t at) { return fault() ? -1 : REAL(pwrite64)(fd, buf, n, at); }
size_t fwrite(const void* buf, size_t size, size_t n, FILE* f) {
  if (f != stdout && f != stderr && fault()) return 0;
  return REAL(fwrite)(buf, size, n, f);
}
int ftruncate(int fd, off_t len) { return fault() ? -1 : REAL(ftruncate)(fd, len); }
int ftruncate64(int fd, off64_t len) { return fault() ? -1 : REAL(ftruncate64)(fd, len); }
int fsync(int fd) { return fault() ? -1 : REAL(fsync)(fd); }
int fdatasync(int fd) { return fault() ? -1 : REAL(fdatasync)(fd); }
int syncfs(int fd) { return fault() ? -1 : REAL(syncfs)(fd); }
int rename(const char* a, const char* b) { return fault() ? -1 : REAL(rename)(a, b); }
int renameat(int da, const char* a, int db, const char* b) { return fault() ? -1 : REAL(renameat)(da, a, db, b); }
int renameat2(int da, const char* a, int db, const char* b, unsigned flags) {
  return fault() ? -1 : REAL(renameat2)(da, a, db, b, flags);
}
int link(const char* a, const char* b) { return fault() ? -1 : REAL(link)(a, b); }
int linkat(int da, const char* a, int db, const char* b, int flags) { return fault() ? -1 : REAL(linkat)(da, a, db, b, flags); }
int unlink(const char* p) { return fault() ? -1 : REAL(unlink)(p); }
int unlinkat(int d, const char* p, int flags) { return fault() ? -1 : REAL(unlinkat)(d, p, flags); }

__attribute__((destructor)) static void report(void) {
  const char* log = getenv("TWS_FAULT_LOG");
  if (!log || !*log) return;
  int fd = REAL(open)(log, O_WRONLY | O_CREAT | O_APPEND, 0644);
  if (fd < 0) return;
  char line[32];
  int len = snprintf(line, sizeof line, "%ld\n", (long)atomic_load(&calls));
  REAL(write)(fd, line, (size_t)len);
  close(fd);
}
