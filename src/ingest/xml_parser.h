// A streaming, namespace-aware XML reader over expat (XML_ParserCreateNS):
// elements and attributes arrive as (namespace URI, local name), so `x:c`,
// `ns0:c` and `c` in the same namespace look alike. It refuses any DOCTYPE (no
// legitimate OOXML part has one, and that stops entity bombs), never loads
// external entities, and stops past limits.max_xml_depth.
#pragma once
#include <cstdint>
#include <exception>
#include <string>
#include <string_view>
#include <vector>
#include "common/errors.h"

typedef struct XML_ParserStruct* XML_Parser;

namespace tws::ingest::detail {

struct XmlAttr {
  std::string_view ns, local, value;
};

class XmlAttrs {
 public:
  // The value of the attribute with this namespace URI ("" = unqualified) and
  // local name, or nullptr.
  const std::string_view* find(std::string_view local, std::string_view ns = {}) const;
  std::vector<XmlAttr> items;
};

class XmlHandler {
 public:
  virtual ~XmlHandler() = default;
  virtual void start(std::string_view ns, std::string_view local, const XmlAttrs& attrs) = 0;
  virtual void end(std::string_view ns, std::string_view local) = 0;
  // Character data, possibly split across several calls.
  virtual void text(std::string_view chars) {}
};

class XmlParser {
 public:
  // `file` and `part` name the input in error messages.
  XmlParser(XmlHandler& handler, uint32_t max_depth, std::string file, std::string part);
  ~XmlParser();
  XmlParser(const XmlParser&) = delete;
  XmlParser& operator=(const XmlParser&) = delete;

  // Throws InputError on malformed XML, a DOCTYPE or too deep nesting, and
  // rethrows whatever the handler threw.
  void feed(std::string_view chunk);
  void finish();

 private:
  static void on_start(void* self, const char* name, const char** atts);
  static void on_end(void* self, const char* name);
  static void on_text(void* self, const char* s, int len);
  static void on_doctype(void* self, const char*, const char*, const char*, int);
  static void on_entity(void* self, const char*, int, const char*, int, const char*,
                        const char*, const char*, const char*);
  void parse(const char* data, size_t size, bool last);
  void stop(std::exception_ptr error);
  [[noreturn]] void fail(const std::string& message) const;

  XML_Parser parser_;
  XmlHandler& handler_;
  uint32_t max_depth_, depth_ = 0;
  std::string file_, part_;
  std::exception_ptr error_;
  XmlAttrs attrs_;
};

}  // namespace tws::ingest::detail
