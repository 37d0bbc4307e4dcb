// Text: the immutable text of a record's field in 24 bytes. A province-scale year holds
// 85,000 members with a name, an 18-digit ID number and a certificate number each; as
// std::string (32 bytes, on the heap past 15) they were ~9 MB. Up to 23 bytes (seven
// Chinese characters, an ID number) stay inline; longer text goes on the heap.
#pragma once
#include <compare>
#include <cstddef>
#include <cstring>
#include <functional>
#include <ostream>
#include <string>
#include <string_view>

#include "common/diagnostic.h"

namespace tws {

class Text {
 public:
  Text() noexcept { set_inline(0); }
  Text(std::string_view s) { assign(s); }                      // NOLINT: text is written as text
  Text(const std::string& s) : Text(std::string_view(s)) {}   // NOLINT
  Text(const char* s) : Text(std::string_view(s)) {}          // NOLINT
  Text(const Text& o) { assign(o.view()); }
  Text(Text&& o) noexcept {
    std::memcpy(bytes_, o.bytes_, sizeof bytes_);
    o.set_inline(0);
  }
  Text& operator=(const Text& o) {
    if (this != &o) {
      Text copy(o);
      swap(copy);
    }
    return *this;
  }
  Text& operator=(Text&& o) noexcept {
    swap(o);
    return *this;
  }
  ~Text() {
    if (on_heap()) delete[] heap().data;
  }

  std::string_view view() const {
    return on_heap() ? std::string_view(heap().data, heap().size) : std::string_view(bytes_, inline_size());
  }
  std::string str() const { return std::string(view()); }
  operator std::string_view() const { return view(); }  // NOLINT
  operator std::string() const { return str(); }         // NOLINT: passed where text is expected
  const char* data() const { return view().data(); }
  std::size_t size() const { return view().size(); }
  bool empty() const { return size() == 0; }
  void swap(Text& o) noexcept {
    char t[sizeof bytes_];
    std::memcpy(t, bytes_, sizeof t);
    std::memcpy(bytes_, o.bytes_, sizeof t);
    std::memcpy(o.bytes_, t, sizeof t);
  }

  friend bool operator==(const Text& a, const Text& b) { return a.view() == b.view(); }
  friend bool operator==(const Text& a, std::string_view b) { return a.view() == b; }
  friend bool operator==(const Text& a, const std::string& b) { return a.view() == b; }
  friend bool operator==(const Text& a, const char* b) { return a.view() == b; }
  friend bool operator==(const Text& a, const Name& b) { return a.view() == std::string_view(b.str()); }
  friend auto operator<=>(const Text& a, const Text& b) { return a.view() <=> b.view(); }
  friend auto operator<=>(const Text& a, std::string_view b) { return a.view() <=> b; }
  friend std::string operator+(const Text& a, std::string_view b) { return a.str().append(b); }
  friend std::string operator+(std::string_view a, const Text& b) { return std::string(a).append(b.view()); }
  friend std::string operator+(const Text& a, const Text& b) { return a.str().append(b.view()); }
  friend std::string operator+(std::string a, const Text& b) { return a.append(b.view()); }
  friend std::string operator+(const char* a, const Text& b) { return std::string(a).append(b.view()); }
  friend std::string operator+(const Text& a, const char* b) { return a.str().append(b); }
  friend std::string operator+(const Text& a, const std::string& b) { return a.str().append(b); }
  friend std::ostream& operator<<(std::ostream& out, const Text& t) { return out << t.view(); }

 private:
  static constexpr std::size_t kInline = 23;  // bytes_[23] holds the inline size, or kHeap
  static constexpr unsigned char kHeap = 0xFF;
  struct Heap {
    char* data;
    std::size_t size;
  };
  alignas(Heap) char bytes_[24];

  bool on_heap() const { return static_cast<unsigned char>(bytes_[kInline]) == kHeap; }
  std::size_t inline_size() const { return static_cast<unsigned char>(bytes_[kInline]); }
  void set_inline(std::size_t n) { bytes_[kInline] = static_cast<char>(n); }
  Heap heap() const {
    Heap h;
    std::memcpy(&h, bytes_, sizeof h);
    return h;
  }
  void assign(std::string_view s) {
    if (s.size() <= kInline) {
      if (!s.empty()) std::memcpy(bytes_, s.data(), s.size());
      set_inline(s.size());
      return;
    }
    Heap h{new char[s.size()], s.size()};
    std::memcpy(h.data, s.data(), s.size());
    std::memcpy(bytes_, &h, sizeof h);
    bytes_[kInline] = static_cast<char>(kHeap);
  }
};

static_assert(sizeof(Text) == 24);

}  // namespace tws

template <>
struct std::hash<tws::Text> {
  std::size_t operator()(const tws::Text& t) const noexcept { return std::hash<std::string_view>()(t.view()); }
};
