#pragma once

// Randomness is injected so that generated names and UIDs are reproducible in
// tests.

#include <cstdint>
#include <mutex>
#include <random>
#include <string>

namespace navigator {

class Random {
 public:
  virtual ~Random() = default;
  // Thread-safe. Uniform over all 64-bit values.
  virtual uint64_t Next() = 0;
};

// A seeded Mersenne Twister; seeded from std::random_device by default.
class DefaultRandom final : public Random {
 public:
  DefaultRandom() : engine_(std::random_device{}()) {}
  explicit DefaultRandom(uint64_t seed) : engine_(seed) {}
  uint64_t Next() override {
    std::lock_guard lock(mu_);
    return engine_();
  }

 private:
  std::mutex mu_;
  std::mt19937_64 engine_;
};

// A random RFC 4122 version-4 UUID in its canonical text form.
std::string NewUuid(Random& random);

// `n` characters from Kubernetes' name-suffix alphabet ("bcdfghjklmnpqrstvwxz2456789"),
// which avoids vowels and look-alike digits.
std::string RandomNameSuffix(Random& random, int n);

}  // namespace navigator
