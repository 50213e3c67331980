// Work shared out to threads: loading and listing a large store are
// per-file and mostly waiting on the file system.
#pragma once

#include <cstddef>
#include <functional>

namespace isms {

// How many workers for `items` items when a worker should have at least
// `per_worker` of them: one per core, at most 8, at least 1.
std::size_t worker_count(std::size_t items, std::size_t per_worker);

// Runs work(0) … work(workers - 1) at once, work(0) on the calling thread,
// and returns when all have finished. An exception thrown by a worker is
// rethrown here (the first, by worker number) once every worker is done.
void run_workers(std::size_t workers, const std::function<void(std::size_t worker)>& work);

}  // namespace isms
