#include "ingest/xml_parser.h"

#include <expat.h>

#include <algorithm>
#include <climits>

#include "common/diagnostic.h"
#include "ingest/messages.h"

namespace tws::ingest::detail {

namespace {

// expat joins URI and local name with this; local names cannot contain a space,
// so splitting at the last one is exact even if a URI contains spaces.
constexpr char kSeparator = ' ';

void split_name(const char* name, std::string_view& ns, std::string_view& local) {
  std::string_view full(name);
  size_t cut = full.rfind(kSeparator);
  if (cut == std::string_view::npos) {
    ns = {};
    local = full;
  } else {
    ns = full.substr(0, cut);
    local = full.substr(cut + 1);
  }
}

struct DoctypeSeen : std::exception {};
struct TooDeep : std::exception {};

}  // namespace

const std::string_view* XmlAttrs::find(std::string_view local, std::string_view ns) const {
  for (const auto& a : items)
    if (a.local == local && a.ns == ns) return &a.value;
  return nullptr;
}

XmlParser::XmlParser(XmlHandler& handler, uint32_t max_depth, std::string file, std::string part)
    : parser_(XML_ParserCreateNS(nullptr, kSeparator)),
      handler_(handler),
      max_depth_(max_depth),
      file_(std::move(file)),
      part_(std::move(part)) {
  if (!parser_) throw std::bad_alloc();
  XML_SetUserData(parser_, this);
  XML_SetElementHandler(parser_, on_start, on_end);
  XML_SetCharacterDataHandler(parser_, on_text);
  XML_SetStartDoctypeDeclHandler(parser_, on_doctype);
  XML_SetEntityDeclHandler(parser_, on_entity);
  XML_SetParamEntityParsing(parser_, XML_PARAM_ENTITY_PARSING_NEVER);
}

XmlParser::~XmlParser() { XML_ParserFree(parser_); }

void XmlParser::fail(const std::string& message) const {
  throw InputError(Location{file_, "", 0, 0}, message);
}

// Handlers must not unwind through expat's C frames: the exception is parked
// here, the parser stopped, and it is rethrown once XML_Parse has returned.
void XmlParser::stop(std::exception_ptr error) {
  if (!error_) error_ = error;
  XML_StopParser(parser_, XML_FALSE);
}

void XmlParser::on_start(void* self, const char* name, const char** atts) {
  auto* p = static_cast<XmlParser*>(self);
  if (p->error_) return;
  try {
    if (++p->depth_ > p->max_depth_) throw TooDeep();
    std::string_view ns, local;
    split_name(name, ns, local);
    p->attrs_.items.clear();
    for (const char** a = atts; a[0]; a += 2) {
      XmlAttr attr;
      split_name(a[0], attr.ns, attr.local);
      attr.value = a[1];
      p->attrs_.items.push_back(attr);
    }
    p->handler_.start(ns, local, p->attrs_);
  } catch (...) {
    p->stop(std::current_exception());
  }
}

void XmlParser::on_end(void* self, const char* name) {
  auto* p = static_cast<XmlParser*>(self);
  if (p->error_) return;
  try {
    --p->depth_;
    std::string_view ns, local;
    split_name(name, ns, local);
    p->handler_.end(ns, local);
  } catch (...) {
    p->stop(std::current_exception());
  }
}

void XmlParser::on_text(void* self, const char* s, int len) {
  auto* p = static_cast<XmlParser*>(self);
  if (p->error_) return;
  try {
    p->handler_.text(std::string_view(s, size_t(len)));
  } catch (...) {
    p->stop(std::current_exception());
  }
}

void XmlParser::on_doctype(void* self, const char*, const char*, const char*, int) {
  auto* p = static_cast<XmlParser*>(self);
  p->stop(std::make_exception_ptr(DoctypeSeen()));
}

void XmlParser::on_entity(void* self, const char*, int, const char*, int, const char*,
                          const char*, const char*, const char*) {
  auto* p = static_cast<XmlParser*>(self);
  p->stop(std::make_exception_ptr(DoctypeSeen()));
}

void XmlParser::parse(const char* data, size_t size, bool last) {
  if (error_) return;
  // XML_Parse takes an int length; feed large chunks in pieces.
  do {
    int piece = int(std::min<size_t>(size, INT_MAX / 2));
    bool final_piece = last && size_t(piece) == size;
    if (XML_Parse(parser_, data, piece, final_piece) == XML_STATUS_OK) {
      data += piece;
      size -= size_t(piece);
      continue;
    }
    if (error_) {
      try {
        std::rethrow_exception(error_);
      } catch (const DoctypeSeen&) {
        fail(kDoctype);
      } catch (const TooDeep&) {
        fail(depth_limit_message(max_depth_));
      }
    }
    fail(xml_error_message(part_, XML_GetCurrentLineNumber(parser_),
                           XML_ErrorString(XML_GetErrorCode(parser_))));
  } while (size > 0);
}

void XmlParser::feed(std::string_view chunk) { parse(chunk.data(), chunk.size(), false); }

void XmlParser::finish() { parse("", 0, true); }

}  // namespace tws::ingest::detail
