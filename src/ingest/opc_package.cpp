#include "ingest/opc_package.h"

namespace tws::ingest::detail {

namespace {

constexpr std::string_view kMainTransitional = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
constexpr std::string_view kMainStrict = "http://purl.oclc.org/ooxml/spreadsheetml/main";
constexpr std::string_view kRelTransitional =
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
constexpr std::string_view kRelStrict = "http://purl.oclc.org/ooxml/officeDocument/relationships";
// The package <Relationships> namespace is the same in Strict.
constexpr std::string_view kPackageRels = "http://schemas.openxmlformats.org/package/2006/relationships";

class RelationshipsHandler : public XmlHandler {
 public:
  RelationshipsHandler(std::string source) : source_(std::move(source)) {}

  void start(std::string_view ns, std::string_view local, const XmlAttrs& attrs) override {
    if (ns != kPackageRels || local != "Relationship") return;
    const std::string_view* id = attrs.find("Id");
    const std::string_view* type = attrs.find("Type");
    const std::string_view* target = attrs.find("Target");
    const std::string_view* mode = attrs.find("TargetMode");
    if (!id || !type || !target) return;
    bool external = mode && *mode == "External";
    rels.push_back({std::string(*id), std::string(*type),
                    external ? std::string() : resolve_target(source_, *target)});
  }
  void end(std::string_view, std::string_view) override {}

  std::vector<Relationship> rels;

 private:
  std::string source_;
};

bool starts_with(std::string_view s, std::string_view prefix) {
  return s.substr(0, prefix.size()) == prefix;
}

}  // namespace

bool is_main_ns(std::string_view ns) { return ns == kMainTransitional || ns == kMainStrict; }

bool is_relationship_ns(std::string_view ns) { return ns == kRelTransitional || ns == kRelStrict; }

bool is_relationship_type(std::string_view type, std::string_view kind) {
  for (std::string_view base : {kRelTransitional, kRelStrict}) {
    if (type.size() == base.size() + 1 + kind.size() && starts_with(type, base) &&
        type[base.size()] == '/' && type.substr(base.size() + 1) == kind)
      return true;
  }
  return false;
}

std::string rels_part_of(std::string_view part) {
  size_t slash = part.rfind('/');
  std::string_view dir = slash == std::string_view::npos ? std::string_view() : part.substr(0, slash + 1);
  std::string_view name = slash == std::string_view::npos ? part : part.substr(slash + 1);
  return std::string(dir) + "_rels/" + std::string(name) + ".rels";
}

std::string resolve_target(std::string_view source_part, std::string_view target) {
  std::string t(target);
  for (char& c : t)
    if (c == '\\') c = '/';
  std::string path;
  if (t.empty() || t[0] != '/') {
    size_t slash = source_part.rfind('/');
    if (slash != std::string_view::npos) path = std::string(source_part.substr(0, slash + 1));
  }
  path += t;
  std::vector<std::string> segments;
  size_t start = 0;
  while (start <= path.size()) {
    size_t end = path.find('/', start);
    if (end == std::string::npos) end = path.size();
    std::string seg = path.substr(start, end - start);
    if (seg == "..") {
      if (!segments.empty()) segments.pop_back();
    } else if (!seg.empty() && seg != ".") {
      segments.push_back(seg);
    }
    start = end + 1;
  }
  std::string out;
  for (const auto& seg : segments) out += (out.empty() ? "" : "/") + seg;
  return out;
}

std::vector<Relationship> read_relationships(ZipArchive& zip, std::string_view source_part,
                                             const ReadLimits& limits, const std::string& file) {
  std::string part = rels_part_of(source_part);
  if (!zip.contains(part)) return {};
  RelationshipsHandler handler{std::string(source_part)};
  parse_xml_part(zip, part, handler, limits, file);
  return std::move(handler.rels);
}

void parse_xml_part(ZipArchive& zip, const std::string& part, XmlHandler& handler,
                    const ReadLimits& limits, const std::string& file) {
  XmlParser parser(handler, limits.max_xml_depth, file, part);
  zip.read(part, [&](std::string_view chunk) { parser.feed(chunk); });
  parser.finish();
}

}  // namespace tws::ingest::detail
