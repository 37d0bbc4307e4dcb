// fonts.ini (`role = file1, file2, …`, `#` comments, files relative to the ini): licensed
// faces listed first may be absent and are skipped (and listed, so the run can report
// the substitute), a role left without any file is an error naming the line.
#include <gtest/gtest.h>

#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "typeset/typeset.h"

using namespace tws::typeset;
namespace fs = std::filesystem;

namespace {

const fs::path kFonts = fs::path(TWS_SOURCE_DIR) / "fonts";

fs::path write_ini(const std::string& name, const std::string& text) {
  fs::path dir = fs::temp_directory_path() / ("tws-fonts-test-" + std::to_string(getpid()));
  fs::create_directories(dir);
  fs::path p = dir / name;
  std::ofstream(p) << text;
  return p;
}

}  // namespace

TEST(TypesetFonts, AbsentFilesSkippedAndListed) {
  const fs::path fandol = kFonts / "FandolFang-Regular-tt.ttf";
  if (!fs::exists(fandol)) GTEST_SKIP() << "fonts not prepared (scripts/prepare-fonts)";
  auto ini = write_ini("skip.ini",
                       "# licensed face first\n"
                       "body = 仿宋_GB2312.ttf, " + fandol.string() + "  # fallback\n"
                       "\n"
                       "number=" + fandol.string() + "\n");
  FontSet f = FontSet::load(ini);
  fs::remove_all(ini.parent_path());
  EXPECT_EQ(f.missing_files(), std::vector<std::string>{"body: 仿宋_GB2312.ttf"});
  ASSERT_EQ(f.chain(kBody).size(), 1u);
  EXPECT_EQ(f.face(f.chain(kBody)[0]).postscript_name, "FandolFang-Regular");
  EXPECT_EQ(f.chain(kBody), f.chain(kNumber));  // one face, opened once
  EXPECT_EQ(f.face(0).units_per_em, 1000);
  EXPECT_NEAR(f.face(0).ascender_em, 0.88, 1e-9);  // OS/2 typo ascender 880 of 1000
  EXPECT_THROW(f.chain(kTitle), TypesetError);
}

TEST(TypesetFonts, RoleWithoutFilesAndMalformedLinesAreErrors) {
  auto ini = write_ini("bad.ini", "title = nothing-here.ttf\nthis line has no equals sign\n");
  try {
    FontSet::load(ini);
    FAIL() << "no error";
  } catch (const TypesetError& e) {
    ASSERT_EQ(e.problems.size(), 2u);
    EXPECT_NE(e.problems[0].find("bad.ini:1: 字体角色 title 没有可用的字体文件"), std::string::npos) << e.problems[0];
    EXPECT_NE(e.problems[1].find("bad.ini:2: 应为“角色 = 字体文件, …”"), std::string::npos) << e.problems[1];
  }
  fs::remove_all(ini.parent_path());
  EXPECT_THROW(FontSet::load(kFonts / "no-such.ini"), TypesetError);
}

// GB/T 15834 §5.1.10 compression is measured from each glyph's ink: FandolFang's ，
// sits in the left half (½ em removable on the right), its ？ is centred (¼ em).
TEST(TypesetFonts, SqueezeMeasuredFromInk) {
  const fs::path fandol = kFonts / "FandolFang-Regular-tt.ttf";
  if (!fs::exists(fandol)) GTEST_SKIP() << "fonts not prepared (scripts/prepare-fonts)";
  FontSet f = FontSet::from_chains({{"body", {fandol}}});
  EXPECT_DOUBLE_EQ(f.squeeze_right_em(0, U'，'), 0.5);
  EXPECT_DOUBLE_EQ(f.squeeze_left_em(0, U'，'), 0);
  EXPECT_DOUBLE_EQ(f.squeeze_left_em(0, U'（'), 0.5);
  EXPECT_DOUBLE_EQ(f.squeeze_right_em(0, U'？'), 0.25);
  EXPECT_DOUBLE_EQ(f.squeeze_right_em(0, U'国'), 0);
  EXPECT_DOUBLE_EQ(f.narrow_advance_em(0, U'。'), 0.5);
}
