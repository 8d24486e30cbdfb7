// picmark: wasi-libc without threads has no <pthread.h>. libde265 uses
// threads only for its worker pool, which libheif no longer starts here
// (patches/libheif-no-worker-threads.patch): decoding runs on the caller's
// thread, mutexes and conditions are never contended, and starting a thread
// fails, so an unexpected use shows as an error, not as a hang.
#ifndef PICMARK_COMPAT_PTHREAD_H
#define PICMARK_COMPAT_PTHREAD_H

#include <errno.h>
#include <sys/types.h> // wasi-libc declares the pthread types, not the functions

static inline int pthread_create(pthread_t *t, const pthread_attr_t *a, void *(*f)(void *), void *arg) {
  (void)t; (void)a; (void)f; (void)arg;
  return EAGAIN;
}
static inline int pthread_join(pthread_t t, void **r) { (void)t; (void)r; return 0; }
static inline int pthread_mutex_init(pthread_mutex_t *m, const pthread_mutexattr_t *a) { (void)m; (void)a; return 0; }
static inline int pthread_mutex_destroy(pthread_mutex_t *m) { (void)m; return 0; }
static inline int pthread_mutex_lock(pthread_mutex_t *m) { (void)m; return 0; }
static inline int pthread_mutex_unlock(pthread_mutex_t *m) { (void)m; return 0; }
static inline int pthread_cond_init(pthread_cond_t *c, const pthread_condattr_t *a) { (void)c; (void)a; return 0; }
static inline int pthread_cond_destroy(pthread_cond_t *c) { (void)c; return 0; }
static inline int pthread_cond_signal(pthread_cond_t *c) { (void)c; return 0; }
static inline int pthread_cond_broadcast(pthread_cond_t *c) { (void)c; return 0; }
static inline int pthread_cond_wait(pthread_cond_t *c, pthread_mutex_t *m) { (void)c; (void)m; return 0; }

#endif
