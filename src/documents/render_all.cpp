// Renderer::render_all / render_each: documents of a phase on a worker pool.
#include <algorithm>
#include <atomic>
#include <exception>
#include <optional>
#include <thread>

#include "documents/documents.h"

namespace tws::documents {

void Renderer::render_each(std::size_t n, int jobs, const std::function<Document(Renderer&, std::size_t)>& make_one,
                           const std::function<void(std::size_t, Document&&)>& done) {
  if (jobs <= 1 || n <= 1) {
    for (std::size_t i = 0; i < n; ++i) done(i, make_one(*this, i));
    return;
  }
  fonts();  // loaded (or EnvironmentError) here, once, before the workers copy it
  const std::size_t workers = std::min<std::size_t>(std::size_t(jobs), n);
  std::vector<std::exception_ptr> errors(n);
  std::atomic<std::size_t> next{0}, first_error{n};
  auto work = [&](Renderer r) {
    for (std::size_t i; (i = next.fetch_add(1)) < n;) {
      if (i > first_error.load()) continue;  // a sequential loop would not get here
      try {
        done(i, make_one(r, i));
      } catch (...) {
        errors[i] = std::current_exception();
        for (std::size_t f = first_error.load(); i < f && !first_error.compare_exchange_weak(f, i);) {
        }
      }
    }
  };
  std::vector<std::thread> pool;
  pool.reserve(workers);
  try {
    for (std::size_t w = 0; w < workers; ++w) pool.emplace_back(work, *this);
  } catch (...) {
    next = n;  // no more work for the threads already started
    for (auto& t : pool) t.join();
    throw;
  }
  for (auto& t : pool) t.join();
  for (std::size_t i = 0; i < n; ++i)
    if (errors[i]) std::rethrow_exception(errors[i]);
}

std::vector<Document> Renderer::render_all(std::size_t n, int jobs,
                                           const std::function<Document(Renderer&, std::size_t)>& make_one) {
  std::vector<std::optional<Document>> slots(n);
  render_each(n, jobs, make_one, [&](std::size_t i, Document&& d) { slots[i] = std::move(d); });
  std::vector<Document> out;
  out.reserve(n);
  for (auto& s : slots) out.push_back(std::move(*s));
  return out;
}

}  // namespace tws::documents
