// SHA-256 (FIPS 180-4) for the audit trail: input and output hashes in the
// registry's run log and the manifest. Small enough to keep here rather than pull
// in a crypto library for one function.
#pragma once
#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>

namespace tws {

class Sha256 {
 public:
  Sha256();
  void update(std::string_view data);
  std::string hex();  // finishes; the object is spent afterwards

 private:
  void block(const uint8_t* p);
  uint32_t h_[8];
  uint8_t buf_[64];
  size_t used_ = 0;
  uint64_t total_ = 0;
};

std::string sha256_hex(std::string_view data);
// Throws std::runtime_error when the file cannot be read.
std::string sha256_file(const std::filesystem::path& path);

}  // namespace tws
