#include "isms/sys/parallel.h"

#include <algorithm>
#include <exception>
#include <thread>
#include <vector>

namespace isms {

std::size_t worker_count(std::size_t items, std::size_t per_worker) {
  const std::size_t cores = std::max(1u, std::thread::hardware_concurrency());
  return std::min<std::size_t>({cores, 8, std::max<std::size_t>(1, items / std::max<std::size_t>(1, per_worker))});
}

void run_workers(std::size_t workers, const std::function<void(std::size_t worker)>& work) {
  std::vector<std::exception_ptr> failures(workers);
  auto guarded = [&](std::size_t w) {
    try {
      work(w);
    } catch (...) {
      failures[w] = std::current_exception();
    }
  };
  {
    std::vector<std::jthread> threads;
    for (std::size_t w = 1; w < workers; ++w) threads.emplace_back(guarded, w);
    if (workers > 0) guarded(0);
  }
  for (const auto& f : failures) {
    if (f) std::rethrow_exception(f);
  }
}

}  // namespace isms
