// Small shared pieces: SHA-256 against the FIPS 180-4 test vectors, atomic writes.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "common/atomic_file.h"
#include "common/sha256.h"

TEST(Sha256, Fips180Vectors) {
  EXPECT_EQ(tws::sha256_hex(""), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  EXPECT_EQ(tws::sha256_hex("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  EXPECT_EQ(tws::sha256_hex("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq"),
            "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
  EXPECT_EQ(tws::sha256_hex(std::string(1000000, 'a')),
            "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
}

TEST(AtomicFile, FailedWriteLeavesTargetUntouched) {
  namespace fs = std::filesystem;
  fs::path dir = fs::temp_directory_path() / "tws_atomic_test";
  fs::remove_all(dir);
  fs::create_directories(dir);
  fs::path target = dir / "out.txt";
  tws::write_file_atomically(target, "old");
  EXPECT_THROW(tws::write_atomically(target, [](const fs::path& tmp) {
                 std::ofstream(tmp) << "half";
                 throw std::runtime_error("boom");
               }),
               std::runtime_error);
  std::ifstream in(target);
  std::string s((std::istreambuf_iterator<char>(in)), {});
  EXPECT_EQ(s, "old");
  EXPECT_EQ(std::distance(fs::directory_iterator(dir), fs::directory_iterator()), 1);  // no temp left
  fs::remove_all(dir);
}
