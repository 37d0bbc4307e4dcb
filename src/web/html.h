// The web page's HTML: templates/web/<name>.html with {{key}} holes, filled with
// fragments the server builds; every text that came from a file, a cell or a request
// passes through esc() first.
#pragma once
#include <map>
#include <string>
#include <string_view>

namespace tws::web {

std::string esc(std::string_view text);
// templates/web/<name>, each {{key}} replaced by vars.at(key) as given (HTML). A hole
// without a value is a bug of tws (std::logic_error).
std::string fill(const std::string& name, const std::map<std::string, std::string>& vars);
// A file of templates/web/ as it is (style.css).
std::string asset(const std::string& name);

}  // namespace tws::web
