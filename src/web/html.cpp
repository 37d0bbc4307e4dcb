#include "web/html.h"

#include <fstream>
#include <sstream>
#include <stdexcept>

#include "common/errors.h"
#include "common/paths.h"

namespace tws::web {

std::string esc(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&#39;"; break;
      default: out += c;
    }
  }
  return out;
}

std::string asset(const std::string& name) {
  const auto path = templates_dir() / "web" / name;
  std::ifstream in(path, std::ios::binary);
  if (!in) throw EnvironmentError("缺少网页模板 " + path.string());
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

std::string fill(const std::string& name, const std::map<std::string, std::string>& vars) {
  const std::string text = asset(name);
  std::string out;
  size_t pos = 0;
  for (size_t open; (open = text.find("{{", pos)) != std::string::npos;) {
    const size_t close = text.find("}}", open);
    if (close == std::string::npos) break;
    out.append(text, pos, open - pos);
    const std::string key = text.substr(open + 2, close - open - 2);
    auto it = vars.find(key);
    if (it == vars.end()) throw std::logic_error("templates/web/" + name + ": no value for {{" + key + "}}");
    out += it->second;
    pos = close + 2;
  }
  out.append(text, pos, std::string::npos);
  return out;
}

}  // namespace tws::web
