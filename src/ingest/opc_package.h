// The Open Packaging Conventions layer of an .xlsx: relationship parts, their
// targets, and the namespaces of Transitional and Strict OOXML (XLSX.md §2).
#pragma once
#include <string>
#include <string_view>
#include <vector>

#include "ingest/workbook.h"
#include "ingest/xml_parser.h"
#include "ingest/zip_archive.h"

namespace tws::ingest::detail {

// SpreadsheetML main namespace, Transitional or Strict.
bool is_main_ns(std::string_view ns);
// Namespace of r:id attributes, Transitional or Strict.
bool is_relationship_ns(std::string_view ns);
// `type` is `…/relationships/<kind>` in either flavour, e.g. kind "worksheet".
bool is_relationship_type(std::string_view type, std::string_view kind);

struct Relationship {
  std::string id, type;
  std::string target;  // resolved part name, "" for external targets
};

// "xl/workbook.xml" -> "xl/_rels/workbook.xml.rels"; "" -> "_rels/.rels".
std::string rels_part_of(std::string_view part);
// A target is relative to the folder of its source part unless it starts with
// `/` (the package root); `.` and `..` segments are resolved, `\` becomes `/`.
std::string resolve_target(std::string_view source_part, std::string_view target);

// Relationships of `source_part` ("" for the package); none if it has no rels part.
std::vector<Relationship> read_relationships(ZipArchive& zip, std::string_view source_part,
                                             const ReadLimits& limits, const std::string& file);

// Streams one part through an XmlParser into `handler`.
void parse_xml_part(ZipArchive& zip, const std::string& part, XmlHandler& handler,
                    const ReadLimits& limits, const std::string& file);

}  // namespace tws::ingest::detail
