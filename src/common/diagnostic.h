// Diagnostics: problems found in user input, collected (never printed from deep
// inside) and reported together as `file:sheet!A12: message`.
#pragma once
#include <cstdint>
#include <initializer_list>
#include <ostream>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace tws {

enum class Severity { Error, Warning };

// A file or sheet name in a Location, interned: every record keeps the Location of its
// row, and the 200,000 records of a province-scale year shared a handful of names while
// each held its own copy of the file's path (~25 MB). Reads as a const std::string&.
class Name {
 public:
  Name() = default;
  Name(std::string_view text);  // NOLINT: implicit, a Name is written as text
  Name(const std::string& text) : Name(std::string_view(text)) {}
  Name(const char* text) : Name(std::string_view(text)) {}
  // The interned text equal to `text`, or an empty Name when there is none (nothing is
  // added to the pool).
  static Name existing(std::string_view text);
  const std::string& str() const { return text_ ? *text_ : empty_string(); }
  operator const std::string&() const { return str(); }  // NOLINT
  bool empty() const { return !text_; }
  // Interned: equal names are the same string (an empty one is none).
  friend bool operator==(const Name& a, const Name& b) { return a.text_ == b.text_; }
  friend bool operator==(const Name& a, std::string_view b) { return a.str() == b; }
  friend bool operator==(const Name& a, const char* b) { return a.str() == b; }
  friend bool operator==(const Name& a, const std::string& b) { return a.str() == b; }
  friend std::string operator+(const Name& a, std::string_view b) { return a.str() + std::string(b); }
  friend std::string operator+(std::string_view a, const Name& b) { return std::string(a) + b.str(); }
  friend std::ostream& operator<<(std::ostream& out, const Name& n) { return out << n.str(); }

 private:
  static const std::string& empty_string();
  const std::string* text_ = nullptr;  // into the pool; null when empty
};

// Interned texts in order, in 16 bytes: a single one inline (no allocation), more in
// an array of their own. A province-scale year's 90,000 eligibility criteria give one or
// two reasons each, and as std::vector<Name> (24 bytes, an allocation even for one) they
// were ~4 MB.
class NameList {
 public:
  NameList() noexcept { slot_.many = nullptr; }
  NameList(std::initializer_list<Name> names) : NameList() {
    for (const Name& n : names) push_back(n);
  }
  NameList(const NameList& o) : NameList() {
    for (const Name& n : o) push_back(n);
  }
  NameList(NameList&& o) noexcept : slot_(o.slot_), size_(o.size_), capacity_(o.capacity_) {
    o.slot_.many = nullptr;
    o.size_ = o.capacity_ = 0;
  }
  NameList& operator=(NameList o) noexcept {
    std::swap(slot_, o.slot_);
    std::swap(size_, o.size_);
    std::swap(capacity_, o.capacity_);
    return *this;
  }
  ~NameList() {
    if (capacity_ > 1) delete[] slot_.many;
  }

  void push_back(const Name& n) {
    if (size_ == 0 && capacity_ == 0) {
      slot_.one = n;
    } else {
      if (size_ == capacity_ || capacity_ <= 1) grow();
      slot_.many[size_] = n;
    }
    ++size_;
  }
  const Name* begin() const { return heap() ? slot_.many : &slot_.one; }
  const Name* end() const { return begin() + size_; }
  std::size_t size() const { return size_; }
  bool empty() const { return size_ == 0; }
  const Name& operator[](std::size_t i) const { return begin()[i]; }
  const Name& front() const { return *begin(); }
  const Name& back() const { return begin()[size_ - 1]; }
  friend bool operator==(const NameList& a, const NameList& b) {
    if (a.size_ != b.size_) return false;
    for (std::uint32_t i = 0; i < a.size_; ++i)
      if (!(a[i] == b[i])) return false;
    return true;
  }

 private:
  bool heap() const { return capacity_ > 1; }
  void grow() {
    const std::uint32_t cap = capacity_ > 1 ? 2 * capacity_ : 2;
    Name* a = new Name[cap];
    for (std::uint32_t i = 0; i < size_; ++i) a[i] = begin()[i];
    if (heap()) delete[] slot_.many;
    slot_.many = a;
    capacity_ = cap;
  }
  union Slot {
    Name one;    // size_ ≤ 1 and capacity_ ≤ 1
    Name* many;  // capacity_ > 1
    Slot() : many(nullptr) {}
  } slot_;
  std::uint32_t size_ = 0;
  std::uint32_t capacity_ = 0;  // 0 or 1: inline; more: the array's length
};

// Where in the input a problem sits. Empty fields are left out when printed.
struct Location {
  Name file;           // as the user named it, e.g. "input/2026/applications.xlsx"
  Name sheet;          // sheet name, empty for CSV or whole-file problems
  int row = 0;         // 1-based; 0 = whole sheet / file
  int column = 0;      // 1-based; 0 = whole row
};

struct Diagnostic {
  Severity severity = Severity::Error;
  Location where;
  std::string message;  // plain Simplified Chinese for the user
};

// "A", "B", ..., "Z", "AA" for 1-based column numbers.
std::string column_name(int column);
// "applications.xlsx:申报汇总!F7: 日期无法识别"
std::string format_location(const Location& where);
std::string format_diagnostic(const Diagnostic& d);

// Collects problems across a whole phase so all of them are reported at once.
class Diagnostics {
 public:
  void error(Location where, std::string message);
  void warning(Location where, std::string message);
  void add(Diagnostic d) { items_.push_back(std::move(d)); }
  void append(const Diagnostics& other);
  const std::vector<Diagnostic>& items() const { return items_; }
  bool has_errors() const;
  size_t error_count() const;
  size_t warning_count() const;

 private:
  std::vector<Diagnostic> items_;
};

// Thrown for a problem that stops reading one input (e.g. a corrupt file).
struct InputError : std::exception {
  Location where;
  std::string message;
  InputError(Location w, std::string m) : where(std::move(w)), message(std::move(m)) {
    text_ = format_location(where) + ": " + message;
  }
  const char* what() const noexcept override { return text_.c_str(); }

 private:
  std::string text_;
};

}  // namespace tws
