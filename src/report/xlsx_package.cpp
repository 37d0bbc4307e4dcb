// How libxlsxwriter 1.1.4 packages a workbook, made cheaper for this process: its
// temporary files kept in memory, its zip written here and deflated on two threads,
// and the rows tws prints itself (RowWriter, xlsx_table.cpp) deflated while the
// workbook is still being written.
//
// libxlsxwriter writes every part of the package (each worksheet, styles, charts…) to a
// temporary file from lxw_tmpfile(), then copies the file into the zip through
// minizip's zipOpen / zipOpenNewFileInZip4_64 / zipWriteInFileInZip / zipCloseFileInZip
// / zipClose, which deflate at zlib's default level (6) on the calling thread. It offers
// no setting for either. It calls all six functions through its PLT (objdump -d shows
// `call lxw_tmpfile@plt`; the zip functions live in libminizip), so the definitions
// below take precedence — the ELF interposition src/render/pdf/libharu_interpose.cpp
// uses for libharu. Outside a package scope on the calling thread each one forwards to
// the library's own (dlsym RTLD_NEXT), so nothing else in the program changes (tws
// template's workbooks, for one, are packaged by minizip as before).
//
// Inside a scope (report::write_workbook opens one around libxlsxwriter's work, when
// WorkbookInfo::fast_paths and the library is 1.1.4):
//  * lxw_tmpfile returns a FILE over memory blocks (fopencookie) instead of an unlinked
//    file in /tmp: the 1,000-station 考核汇总 went through the kernel as 1,600 4 KB
//    writes and 1,000 reads per workbook, about 10 % of its time. A file that passes
//    64 MB moves to a real temporary file.
//  * the zip is assembled in memory and written once at zipClose. Each member is cut
//    into kChunkBytes pieces; each piece is deflated on its own (raw deflate, the 32 KB
//    before it as its dictionary, ended by a sync flush, the member's last by Z_FINISH)
//    and the pieces are concatenated — pigz's method — so the pieces are shared between
//    a worker thread and the writing thread. A piece's bytes depend only on its input,
//    the level and kChunkBytes, never on which thread ran it: the same workbook gives
//    the same file (report_workbooks_test writes each test workbook twice). Headers are
//    written the way minizip 1.1 writes them (version 20, the level's flag bits, DOS date
//    from zip_fileinfo, internal attribute 1 for text, no zip64, no data descriptors).
//  * the rows RowWriter prints (most of a big sheet) are cut into pieces and deflated as
//    they come, while tws goes on with the next rows and sheets; the sheet's row file
//    gets a marker instead, and when libxlsxwriter copies that file into the zip the
//    marker is replaced by the rows' pieces. So the rows are neither copied from file to
//    file by libxlsxwriter nor deflated after the fact, and a big sheet's XML is never
//    in memory whole.
//
// The deflate level, by measurement (`xlsx_bench --mode auto`, best of 30 writes at
// 1,000 stations and of 3 at 10,000, two runs each, this 2-core machine otherwise
// idle; $TWS_XLSX_DEFLATE_LEVEL 0–9 overrides the level for such measurements):
//   level   1,000 stations          10,000 stations
//     1     10.4–11.0 ms  371 KB    116–126 ms  3.55 MB
//     2     11.1–11.8 ms  345 KB    118–123 ms  3.30 MB
//     3     12.5–12.8 ms  327 KB    136–142 ms  3.12 MB
//     4     12.7–13.1 ms  311 KB    139–145 ms  3.05 MB
//     5     15.3–15.6 ms  286 KB    156–162 ms  2.69 MB
//     6     19.2 ms       275 KB    206 ms      2.58 MB   (minizip's default)
//     9     74.4 ms       270 KB    765 ms      2.54 MB
// Level 4 keeps both targets (≤ 20 ms, ≤ 200 ms) with a third to spare and the file
// within 13 % of level 6's; 3 is no faster and 1–2 save ~1.5 ms for 10–25 % more bytes.
#include <dlfcn.h>
#include <xlsxwriter.h>
#include <xlsxwriter/third_party/zip.h>
#include <zlib.h>

#include <algorithm>
#include <cerrno>
#include <condition_variable>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <deque>
#include <memory>
#include <mutex>
#include <random>
#include <string>
#include <thread>
#include <vector>

namespace tws::report::detail {

constexpr int kDeflateLevel = 4;                 // see the table above
constexpr size_t kChunkBytes = 256 * 1024;       // a piece
constexpr size_t kWindow = 32 * 1024;            // deflate's window: a piece's dictionary
constexpr size_t kMaxQueued = 8;                 // pieces waiting before the writer deflates one itself
size_t spill_bytes = 64u << 20;                  // memory file limit (set_memory_file_limit)

int deflate_level() {
  static const int level = [] {
    const char* e = std::getenv("TWS_XLSX_DEFLATE_LEVEL");
    if (e && *e >= '0' && *e <= '9' && e[1] == 0) return *e - '0';
    return kDeflateLevel;
  }();
  return level;
}

namespace {

template <typename F>
F real(const char* name) {
  void* p = dlsym(RTLD_NEXT, name);
  if (!p) {
    std::fprintf(stderr, "tws: %s not found in the libraries after the program\n", name);
    std::abort();
  }
  return reinterpret_cast<F>(p);
}

// ───────────────────────────── memory files ─────────────────────────────

// A file of kBlockBytes blocks (so growing it never copies what is there), read and
// written through a kStdioBuffer stdio buffer: libxlsxwriter copies files in 4 KB and
// 16 KB reads and writes, which stdio then passes straight to mem_read / mem_write.
constexpr size_t kBlockBytes = 64 * 1024;
constexpr size_t kStdioBuffer = 4096;

struct MemFile {
  std::vector<std::unique_ptr<char[]>> blocks;
  size_t size = 0, pos = 0;
  FILE* spill = nullptr;  // once the file would pass spill_bytes
  char* tmpdir = nullptr;
  char iobuf[kStdioBuffer];
};

FILE* real_tmpfile(char* tmpdir) {
  static auto f = real<FILE* (*)(char*)>("lxw_tmpfile");
  return f(tmpdir);
}

// Copies n bytes between buf and the file at pos (to the file when `in`).
void transfer(MemFile& m, char* buf, size_t n, bool in) {
  while (n > 0) {
    const size_t b = m.pos / kBlockBytes, off = m.pos % kBlockBytes, k = std::min(n, kBlockBytes - off);
    if (in) {
      while (m.blocks.size() <= b) m.blocks.emplace_back(new char[kBlockBytes]);
      std::memcpy(m.blocks[b].get() + off, buf, k);
    } else {
      std::memcpy(buf, m.blocks[b].get() + off, k);
    }
    buf += k;
    n -= k;
    m.pos += k;
  }
}

bool spill(MemFile& m) {
  m.spill = real_tmpfile(m.tmpdir);
  if (!m.spill) return false;
  for (size_t b = 0; b * kBlockBytes < m.size; ++b) {
    const size_t k = std::min(kBlockBytes, m.size - b * kBlockBytes);
    if (std::fwrite(m.blocks[b].get(), 1, k, m.spill) != k) return false;
  }
  m.blocks.clear();
  return fseeko(m.spill, off_t(m.pos), SEEK_SET) == 0;
}

ssize_t mem_write(void* cookie, const char* buf, size_t n) {
  auto* m = static_cast<MemFile*>(cookie);
  if (!m->spill && m->pos + n > spill_bytes && !spill(*m)) {
    errno = EIO;
    return -1;
  }
  if (m->spill) return ssize_t(std::fwrite(buf, 1, n, m->spill));
  if (m->pos > m->size) {  // after a seek past the end: the gap reads as zeros
    const size_t at = m->pos;
    m->pos = m->size;
    static const char zeros[4096] = {};
    while (m->pos < at) transfer(*m, const_cast<char*>(zeros), std::min(sizeof zeros, at - m->pos), true);
  }
  transfer(*m, const_cast<char*>(buf), n, true);
  m->size = std::max(m->size, m->pos);
  return ssize_t(n);
}

ssize_t mem_read(void* cookie, char* buf, size_t n) {
  auto* m = static_cast<MemFile*>(cookie);
  if (m->spill) return ssize_t(std::fread(buf, 1, n, m->spill));
  if (m->pos >= m->size) return 0;
  n = std::min(n, m->size - m->pos);
  transfer(*m, buf, n, false);
  return ssize_t(n);
}

int mem_seek(void* cookie, off64_t* offset, int whence) {
  auto* m = static_cast<MemFile*>(cookie);
  if (m->spill) {
    if (fseeko(m->spill, *offset, whence) != 0) return -1;
    *offset = ftello(m->spill);
    return 0;
  }
  const off64_t base = whence == SEEK_SET ? 0 : whence == SEEK_CUR ? off64_t(m->pos) : off64_t(m->size);
  if (base + *offset < 0) {
    errno = EINVAL;
    return -1;
  }
  m->pos = size_t(base + *offset);
  *offset = off64_t(m->pos);
  return 0;
}

int mem_close(void* cookie) {
  auto* m = static_cast<MemFile*>(cookie);
  const int rc = m->spill ? std::fclose(m->spill) : 0;
  delete m;
  return rc;
}

FILE* memory_file(char* tmpdir) {
  auto* m = new MemFile;
  m->tmpdir = tmpdir;
  FILE* f = fopencookie(m, "w+", cookie_io_functions_t{mem_read, mem_write, mem_seek, mem_close});
  if (!f) {
    delete m;
    return nullptr;
  }
  setvbuf(f, m->iobuf, _IOFBF, sizeof m->iobuf);
  return f;
}

// ───────────────────────────── the zip ─────────────────────────────

void put16(std::string& s, unsigned v) {
  s += char(v & 0xFF);
  s += char((v >> 8) & 0xFF);
}
void put32(std::string& s, unsigned long v) {
  put16(s, unsigned(v & 0xFFFF));
  put16(s, unsigned((v >> 16) & 0xFFFF));
}

// One thread's deflate stream and output space, reused from piece to piece
// (deflateReset gives the same output as a new stream).
struct Deflater {
  z_stream z{};
  bool ready = false;
  std::unique_ptr<Bytef[]> out;
  size_t capacity = 0;
  Deflater() = default;
  Deflater(const Deflater&) = delete;
  Deflater& operator=(const Deflater&) = delete;
  ~Deflater() {
    if (ready) deflateEnd(&z);
  }
};

// kChunkBytes of a member (or less, at the end of one or of a run of rows), deflated on
// its own with the kWindow bytes before it as its dictionary.
struct Piece {
  std::string dict;  // none for the first piece of a member or of a run of rows
  std::string data;  // freed once deflated; `size` keeps its length
  size_t size = 0;
  bool last = false;  // Z_FINISH (the member's end); others end with a sync flush
  std::string output;
  uLong crc = 0;
  int data_type = Z_UNKNOWN;
  bool ok = false;
};

void deflate_piece(Piece& p, Deflater& d, int level) {
  const auto* in = reinterpret_cast<const Bytef*>(p.data.data());
  const uInt len = uInt(p.data.size());
  p.size = len;
  p.crc = crc32(0, in, len);
  bool ok = d.ready ? deflateReset(&d.z) == Z_OK
                    : (d.ready = deflateInit2(&d.z, level, Z_DEFLATED, -MAX_WBITS, 8, Z_DEFAULT_STRATEGY) == Z_OK);
  if (ok && !p.dict.empty())
    ok = deflateSetDictionary(&d.z, reinterpret_cast<const Bytef*>(p.dict.data()), uInt(p.dict.size())) == Z_OK;
  if (ok) {
    const size_t need = deflateBound(&d.z, len) + 16;  // + a sync flush's empty block
    if (d.capacity < need) {
      d.out.reset(new Bytef[need]);
      d.capacity = need;
    }
    d.z.next_in = const_cast<Bytef*>(in);
    d.z.avail_in = len;
    d.z.next_out = d.out.get();
    d.z.avail_out = uInt(d.capacity);
    const int rc = deflate(&d.z, p.last ? Z_FINISH : Z_SYNC_FLUSH);
    ok = d.z.avail_in == 0 && (p.last ? rc == Z_STREAM_END : rc == Z_OK && d.z.avail_out > 0);
    p.output.assign(reinterpret_cast<const char*>(d.out.get()), d.capacity - d.z.avail_out);
    p.data_type = d.z.data_type;
  }
  std::string().swap(p.dict);
  std::string().swap(p.data);
  p.ok = ok;
}

// A worker thread deflating queued pieces; the thread that queues them deflates one
// itself whenever more than kMaxQueued wait (so undeflated input stays bounded), and
// all that are left when it drains.
class Compressor {
 public:
  Compressor() : level_(deflate_level()), worker_([this] { work(); }) {}
  ~Compressor() {
    {
      std::lock_guard<std::mutex> lock(mutex_);
      stopping_ = true;
    }
    ready_.notify_all();
    worker_.join();
  }

  void submit(Piece* p) {
    size_t queued;
    {
      std::lock_guard<std::mutex> lock(mutex_);
      queue_.push_back(p);
      ++unfinished_;
      queued = queue_.size();
    }
    ready_.notify_one();
    if (queued > kMaxQueued) run_one();
  }

  // Every piece submitted so far deflated.
  void drain() {
    while (run_one()) {
    }
    std::unique_lock<std::mutex> lock(mutex_);
    done_.wait(lock, [this] { return unfinished_ == 0; });
  }

  int level() const { return level_; }

 private:
  bool run_one() {
    Piece* p = nullptr;
    {
      std::lock_guard<std::mutex> lock(mutex_);
      if (queue_.empty()) return false;
      p = queue_.front();
      queue_.pop_front();
    }
    deflate_piece(*p, own_, level_);
    finished();
    return true;
  }

  void finished() {
    {
      std::lock_guard<std::mutex> lock(mutex_);
      --unfinished_;
    }
    done_.notify_all();
  }

  void work() {
    Deflater d;
    for (;;) {
      Piece* p = nullptr;
      {
        std::unique_lock<std::mutex> lock(mutex_);
        ready_.wait(lock, [this] { return stopping_ || !queue_.empty(); });
        if (queue_.empty()) return;
        p = queue_.front();
        queue_.pop_front();
      }
      deflate_piece(*p, d, level_);
      finished();
    }
  }

  const int level_;
  Deflater own_;  // the queueing thread's
  std::mutex mutex_;
  std::condition_variable ready_, done_;
  std::deque<Piece*> queue_;
  size_t unfinished_ = 0;
  bool stopping_ = false;
  std::thread worker_;
};

// Bytes cut into pieces as they come: a zip member, or a run of rows printed by tws.
struct Stream {
  std::vector<std::unique_ptr<Piece>> pieces;
  std::string pending;  // not yet cut
  std::string tail;     // the last kWindow bytes cut so far: the next piece's dictionary
  size_t size = 0;

  void append(const char* p, size_t n, Compressor& c) {
    size += n;
    while (n > 0) {
      if (pending.capacity() < pending.size() + n)
        pending.reserve(std::min(kChunkBytes, std::max(2 * pending.capacity(), pending.size() + n)));
      const size_t take = std::min(n, kChunkBytes - pending.size());
      pending.append(p, take);
      p += take;
      n -= take;
      if (pending.size() == kChunkBytes) cut(false, c);
    }
  }

  void cut(bool last, Compressor& c) {
    if (!last && pending.empty()) return;
    auto p = std::make_unique<Piece>();
    p->last = last;
    p->dict = tail;
    p->data = std::move(pending);
    pending = std::string();
    if (p->data.size() >= kWindow) {
      tail.assign(p->data, p->data.size() - kWindow, kWindow);
    } else {
      tail += p->data;
      if (tail.size() > kWindow) tail.erase(0, tail.size() - kWindow);
    }
    Piece* raw = p.get();
    pieces.push_back(std::move(p));
    c.submit(raw);
  }

  // Appends a finished run of rows (its pieces end with sync flushes; the first has no
  // dictionary, which a deflate stream allows anywhere).
  void splice(Stream&& rows, Compressor& c) {
    cut(false, c);
    for (auto& p : rows.pieces) pieces.push_back(std::move(p));
    size += rows.size;
    tail = std::move(rows.tail);
  }
};

// A run of rows tws printed (RowWriter in xlsx_table.cpp): deflated while the workbook
// is still being written, and put in the sheet's file as a marker, replaced by the rows
// when the sheet goes into the zip. The marker holds a random token drawn once per
// process and the run's number; it cannot come from libxlsxwriter, which prints every
// text with U+0001 escaped (_x0001_), and it never reaches the file.
struct Run {
  Stream stream;
  bool ended = false, used = false;
};

const std::string& marker_token() {
  static const std::string token = [] {
    std::random_device rd;
    char buf[40];
    std::snprintf(buf, sizeof buf, "%08x%08x%08x%08x", rd(), rd(), rd(), rd());
    return std::string(buf);
  }();
  return token;
}

constexpr size_t kMarkerBytes = 1 + 9 + 32 + 1 + 8 + 1;  // \1tws-rows:<token>:<8 digits>\1

std::string marker(size_t run) {
  char digits[24];
  std::snprintf(digits, sizeof digits, "%08zu", run % 100000000);
  return "\x01tws-rows:" + marker_token() + ":" + digits + "\x01";
}

struct Scope {
  int depth = 0;
  std::unique_ptr<Compressor> compressor;
  std::vector<std::unique_ptr<Run>> runs;
  class Package* package = nullptr;

  Compressor& compress() {
    if (!compressor) compressor = std::make_unique<Compressor>();
    return *compressor;
  }
};
thread_local Scope tl_scope;

struct Member {
  std::string name;
  unsigned long dos_date = 0;
  unsigned internal_fa = 0;
  unsigned long external_fa = 0;
  Stream stream;
  std::string held;  // a possible marker, not yet complete
};

class Package {
 public:
  Package(FILE* out, Compressor& c) : out_(out), c_(c) {}
  ~Package() {
    c_.drain();  // no piece of ours is left with the worker
    if (out_) std::fclose(out_);
  }

  int open_member(const char* name, const zip_fileinfo* fi) {
    if (current_) close_member();
    members_.push_back(std::make_unique<Member>());
    current_ = members_.back().get();
    current_->name = name ? name : "-";
    if (fi) {
      current_->dos_date = fi->dosDate ? fi->dosDate : dos_date(fi->tmz_date);
      current_->internal_fa = unsigned(fi->internal_fa);
      current_->external_fa = fi->external_fa;
    }
    return ZIP_OK;
  }

  // Member bytes, with each run marker replaced by its rows.
  int write(const void* buf, unsigned len) {
    if (!current_) return ZIP_PARAMERROR;
    Member& m = *current_;
    const char* p = static_cast<const char*>(buf);
    const char* end = p + len;
    while (p < end) {
      if (!m.held.empty()) {  // inside a possible marker
        const char* stop = static_cast<const char*>(std::memchr(p, '\x01', size_t(end - p)));
        const size_t want = kMarkerBytes - m.held.size();
        if (!stop || size_t(stop - p) + 1 > want) {
          const size_t take = std::min(want, size_t(end - p));
          m.held.append(p, take);
          p += take;
          if (m.held.size() == kMarkerBytes) {  // too long for a marker ending here
            if (!release_held(m)) return ZIP_INTERNALERROR;
          }
          continue;
        }
        m.held.append(p, size_t(stop - p) + 1);
        p = stop + 1;
        if (!release_held(m)) return ZIP_INTERNALERROR;
        continue;
      }
      const char* start = static_cast<const char*>(std::memchr(p, '\x01', size_t(end - p)));
      if (!start) {
        m.stream.append(p, size_t(end - p), c_);
        break;
      }
      m.stream.append(p, size_t(start - p), c_);
      m.held.assign(start, 1);
      p = start + 1;
    }
    return ZIP_OK;
  }

  int close_member() {
    if (!current_) return ZIP_PARAMERROR;
    if (!current_->held.empty()) {
      current_->stream.append(current_->held.data(), current_->held.size(), c_);
      current_->held.clear();
    }
    current_->stream.cut(true, c_);
    current_ = nullptr;
    return ZIP_OK;
  }

  // The fields a member's local header and its central directory header share, from the
  // general-purpose flag to the extra field's length.
  void shared_fields(std::string& out, const std::string& name, unsigned long dos_date, uLong crc, size_t csize,
                     size_t size) const {
    put16(out, level_flag(c_.level()));
    put16(out, Z_DEFLATED);
    put32(out, dos_date);
    put32(out, crc);
    put32(out, csize);
    put32(out, size);
    put16(out, unsigned(name.size()));
    put16(out, 0);  // extra field
  }

  // Waits for the last pieces (deflating alongside the worker) and writes the file.
  int finish() {
    if (current_) close_member();
    c_.drain();
    size_t total = 22;
    for (auto& m : members_) {
      total += 2 * (46 + m->name.size());
      for (auto& p : m->stream.pieces) total += p->output.size();
    }
    std::string out, central;
    out.reserve(total);
    for (auto& m : members_) {
      uLong crc = 0;
      size_t csize = 0;
      for (auto& p : m->stream.pieces) {
        if (!p->ok) return ZIP_INTERNALERROR;
        crc = crc32_combine(crc, p->crc, z_off_t(p->size));
        csize += p->output.size();
      }
      const int data_type = m->stream.pieces.empty() ? Z_UNKNOWN : m->stream.pieces.front()->data_type;
      if (csize >= 0xFFFFFFFFu || m->stream.size >= 0xFFFFFFFFu || out.size() >= 0xFFFFFFFFu) return ZIP_PARAMERROR;
      const unsigned long offset = out.size();
      put32(out, 0x04034b50);  // local file header
      put16(out, 20);          // version needed to extract
      shared_fields(out, m->name, m->dos_date, crc, csize, m->stream.size);
      out += m->name;
      for (auto& p : m->stream.pieces) {
        out += p->output;
        std::string().swap(p->output);
      }
      put32(central, 0x02014b50);  // central directory header
      put16(central, 0);           // version made by: libxlsxwriter passes 0
      put16(central, 20);
      shared_fields(central, m->name, m->dos_date, crc, csize, m->stream.size);
      put16(central, 0);  // comment
      put16(central, 0);  // disk
      put16(central, data_type == Z_TEXT ? 1u : m->internal_fa);  // minizip: 1 when zlib saw text
      put32(central, m->external_fa);
      put32(central, offset);
      central += m->name;
    }
    if (members_.size() >= 0xFFFF || out.size() + central.size() >= 0xFFFFFFFFu) return ZIP_PARAMERROR;
    const unsigned long central_at = out.size();
    out += central;
    put32(out, 0x06054b50);  // end of central directory
    put16(out, 0);
    put16(out, 0);
    put16(out, unsigned(members_.size()));
    put16(out, unsigned(members_.size()));
    put32(out, central.size());
    put32(out, central_at);
    put16(out, 0);  // no comment
    const bool written = std::fwrite(out.data(), 1, out.size(), out_) == out.size();
    const bool closed = std::fclose(out_) == 0;
    out_ = nullptr;
    return written && closed ? ZIP_OK : ZIP_ERRNO;
  }

 private:
  static unsigned long dos_date(const tm_zip& t) {  // minizip's zip64local_TmzDateToDosDate
    unsigned long year = t.tm_year;
    if (year >= 1980) year -= 1980;
    else if (year >= 80) year -= 80;
    return ((t.tm_mday + 32 * (t.tm_mon + 1) + 512 * year) << 16) | (t.tm_sec / 2 + 32 * t.tm_min + 2048 * t.tm_hour);
  }

  static unsigned level_flag(int level) {  // bits 1–2 from the level, as minizip sets them
    if (level == 8 || level == 9) return 2;
    if (level == 2) return 4;
    if (level == 1) return 6;
    return 0;
  }

  // `held` starts with U+0001 and is a whole marker, or ends without being one.
  bool release_held(Member& m) {
    std::string held = std::move(m.held);
    m.held.clear();
    const std::string prefix = "\x01tws-rows:" + marker_token() + ":";
    if (held.size() == kMarkerBytes && held.back() == '\x01' && held.compare(0, prefix.size(), prefix) == 0) {
      const size_t run = std::strtoul(held.c_str() + prefix.size(), nullptr, 10);
      if (run >= tl_scope.runs.size() || !tl_scope.runs[run]->ended || tl_scope.runs[run]->used) return false;
      tl_scope.runs[run]->used = true;
      m.stream.splice(std::move(tl_scope.runs[run]->stream), c_);
      return true;
    }
    // Not a marker: its first byte is data; the rest may hold the start of one.
    m.stream.append(held.data(), 1, c_);
    return write(held.data() + 1, unsigned(held.size() - 1)) == ZIP_OK;
  }

  FILE* out_;
  Compressor& c_;
  std::vector<std::unique_ptr<Member>> members_;
  Member* current_ = nullptr;
};

}  // namespace

bool package_interposers_linked() { return true; }

// libxlsxwriter 1.1.4 only: another version may package differently.
bool package_interposers_usable() {
  static const bool usable = std::strcmp(lxw_version(), "1.1.4") == 0;
  return usable;
}

// For tests: memory files move to a real temporary file beyond `bytes` (64 MB).
void set_memory_file_limit(size_t bytes) { spill_bytes = bytes; }

void begin_package_scope() { ++tl_scope.depth; }

void end_package_scope() {
  if (--tl_scope.depth > 0) return;
  delete tl_scope.package;  // zipClose was never reached (an error inside libxlsxwriter)
  tl_scope.package = nullptr;
  tl_scope.compressor.reset();  // joins the worker: no piece of a run is in use after this
  tl_scope.runs.clear();
}

long begin_rows() {
  if (tl_scope.depth == 0) return -1;
  tl_scope.runs.push_back(std::make_unique<Run>());
  return long(tl_scope.runs.size() - 1);
}

void write_rows(long run, const char* data, size_t n) {
  tl_scope.runs.at(size_t(run))->stream.append(data, n, tl_scope.compress());
}

std::string end_rows(long run) {
  Run& r = *tl_scope.runs.at(size_t(run));
  r.stream.cut(false, tl_scope.compress());
  r.ended = true;
  return marker(size_t(run));
}

}  // namespace tws::report::detail

using tws::report::detail::tl_scope;

extern "C" {

FILE* lxw_tmpfile(char* tmpdir) {
  if (tl_scope.depth > 0) return tws::report::detail::memory_file(tmpdir);
  return tws::report::detail::real_tmpfile(tmpdir);
}

zipFile ZEXPORT zipOpen(const char* pathname, int append) {
  if (tl_scope.depth > 0 && !tl_scope.package && append == 0 && pathname) {
    FILE* out = std::fopen(pathname, "wb");  // fails here, as minizip's zipOpen would
    if (!out) return nullptr;
    tl_scope.package = new tws::report::detail::Package(out, tl_scope.compress());
    return reinterpret_cast<zipFile>(tl_scope.package);
  }
  static auto f = tws::report::detail::real<zipFile (*)(const char*, int)>("zipOpen");
  return f(pathname, append);
}

namespace {
bool ours(zipFile file) { return file && file == reinterpret_cast<zipFile>(tl_scope.package); }
}  // namespace

int ZEXPORT zipOpenNewFileInZip4_64(zipFile file, const char* filename, const zip_fileinfo* zipfi,
                                    const void* extrafield_local, uInt size_extrafield_local,
                                    const void* extrafield_global, uInt size_extrafield_global, const char* comment,
                                    int method, int level, int raw, int windowBits, int memLevel, int strategy,
                                    const char* password, uLong crcForCrypting, uLong versionMadeBy, uLong flagBase,
                                    int zip64) {
  if (ours(file)) {
    // What libxlsxwriter 1.1.4 asks for, and all this writer does.
    if (size_extrafield_local || size_extrafield_global || (comment && *comment) || method != Z_DEFLATED || raw ||
        password || versionMadeBy || flagBase || zip64)
      return ZIP_PARAMERROR;
    return tl_scope.package->open_member(filename, zipfi);
  }
  using F = int (*)(zipFile, const char*, const zip_fileinfo*, const void*, uInt, const void*, uInt, const char*, int,
                    int, int, int, int, int, const char*, uLong, uLong, uLong, int);
  static auto f = tws::report::detail::real<F>("zipOpenNewFileInZip4_64");
  return f(file, filename, zipfi, extrafield_local, size_extrafield_local, extrafield_global, size_extrafield_global,
           comment, method, level, raw, windowBits, memLevel, strategy, password, crcForCrypting, versionMadeBy,
           flagBase, zip64);
}

int ZEXPORT zipWriteInFileInZip(zipFile file, const void* buf, unsigned len) {
  if (ours(file)) return tl_scope.package->write(buf, len);
  static auto f = tws::report::detail::real<int (*)(zipFile, const void*, unsigned)>("zipWriteInFileInZip");
  return f(file, buf, len);
}

int ZEXPORT zipCloseFileInZip(zipFile file) {
  if (ours(file)) return tl_scope.package->close_member();
  static auto f = tws::report::detail::real<int (*)(zipFile)>("zipCloseFileInZip");
  return f(file);
}

int ZEXPORT zipClose(zipFile file, const char* global_comment) {
  if (ours(file)) {
    auto* p = tl_scope.package;
    tl_scope.package = nullptr;
    const int rc = (global_comment && *global_comment) ? ZIP_PARAMERROR : p->finish();
    delete p;
    return rc;
  }
  static auto f = tws::report::detail::real<int (*)(zipFile, const char*)>("zipClose");
  return f(file, global_comment);
}

}  // extern "C"
