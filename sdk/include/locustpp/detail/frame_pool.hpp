// locustpp C++ SDK (internal) — recycled memory for coroutine frames. A user
// in a closed loop creates and destroys the same few frames (the task, the
// root that drives it) for every task run; a per-thread cache of free frames
// by size saves a malloc/free pair for each. Under AddressSanitizer frames
// come straight from the heap, so that use-after-free stays visible.
#pragma once

#include <cstddef>
#include <cstdint>
#include <new>

#if defined(__has_feature)
#if __has_feature(address_sanitizer)
#define LOCUSTPP_FRAME_POOL_OFF 1
#endif
#endif
#if defined(__SANITIZE_ADDRESS__)
#define LOCUSTPP_FRAME_POOL_OFF 1
#endif

namespace locustpp::detail {

class frame_pool {
 public:
  static constexpr std::size_t granule = 64;        // frame sizes are rounded up to this
  static constexpr std::size_t size_classes = 16;   // so frames up to 1 KiB are cached
  static constexpr std::size_t max_per_class = 32;  // free frames kept per size, per thread

  static void* allocate(std::size_t bytes) {
#ifndef LOCUSTPP_FRAME_POOL_OFF
    const std::size_t size_class = (bytes + granule - 1) / granule - 1;
    if (bytes != 0 && size_class < size_classes) {
      thread_cache& cache = local();
      if (cache.count[size_class] != 0) return cache.frames[size_class][--cache.count[size_class]];
      return ::operator new((size_class + 1) * granule);
    }
#endif
    return ::operator new(bytes);
  }

  // `bytes`: what allocate() was asked for (coroutine frames are freed with their size).
  static void deallocate(void* frame, std::size_t bytes) noexcept {
#ifndef LOCUSTPP_FRAME_POOL_OFF
    const std::size_t size_class = (bytes + granule - 1) / granule - 1;
    if (bytes != 0 && size_class < size_classes) {
      thread_cache& cache = local();
      if (!cache.closed && cache.count[size_class] < max_per_class) {
        cache.frames[size_class][cache.count[size_class]++] = frame;
        return;
      }
    }
#endif
    ::operator delete(frame);
  }

 private:
  struct thread_cache {
    void* frames[size_classes][max_per_class];
    std::uint8_t count[size_classes] = {};
    bool closed = false;  // the thread is ending: frames go straight back to the heap
    ~thread_cache() {
      closed = true;
      for (std::size_t size_class = 0; size_class < size_classes; ++size_class) {
        while (count[size_class] != 0) ::operator delete(frames[size_class][--count[size_class]]);
      }
    }
  };
  static thread_cache& local() noexcept {
    thread_local thread_cache cache;
    return cache;
  }
};

// Mixed into promise types: their coroutine frames come from frame_pool.
struct pooled_frame {
  static void* operator new(std::size_t bytes) { return frame_pool::allocate(bytes); }
  static void operator delete(void* frame, std::size_t bytes) noexcept { frame_pool::deallocate(frame, bytes); }
};

}  // namespace locustpp::detail
