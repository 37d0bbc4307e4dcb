// STYLE.md item 2: "CMake keeps typeset free of libharu: only render/pdf calls HPDF_*".
// Everything is one library, so the rule is checked here: no file of src/typeset may
// mention hpdf (include, type or call).
#include <gtest/gtest.h>

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <fstream>
#include <sstream>

TEST(TypesetIndependence, NoLibharuInSrcTypeset) {
  const std::filesystem::path dir = std::filesystem::path(TWS_SOURCE_DIR) / "src" / "typeset";
  ASSERT_TRUE(std::filesystem::is_directory(dir)) << dir;
  int files = 0;
  for (const auto& e : std::filesystem::recursive_directory_iterator(dir)) {
    if (!e.is_regular_file()) continue;
    ++files;
    std::ifstream in(e.path());
    std::stringstream ss;
    ss << in.rdbuf();
    std::string text = ss.str();
    std::transform(text.begin(), text.end(), text.begin(),
                   [](unsigned char c) { return char(std::tolower(c)); });
    EXPECT_EQ(text.find("hpdf"), std::string::npos) << e.path() << " mentions hpdf";
  }
  EXPECT_GT(files, 5);
}
