// picmark: libc++ for wasm32-wasi is built without threads, so it has no
// std::mutex. libheif (file reads, its colour conversion table) and
// libde265 (its one-time set-up) lock mutexes; with one thread there is
// nothing to exclude. Included before every source (-include).
#ifndef PICMARK_COMPAT_MUTEX_H
#define PICMARK_COMPAT_MUTEX_H
#ifdef __cplusplus
#include <mutex>
#ifdef _LIBCPP_HAS_NO_THREADS
namespace std {
struct mutex {
  void lock() {}
  void unlock() {}
  bool try_lock() { return true; }
};
template <class M> struct lock_guard {
  explicit lock_guard(M &) {}
};
}
#endif
#endif
#endif
