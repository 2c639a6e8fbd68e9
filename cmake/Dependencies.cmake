# Every dependency comes from Debian bookworm's packages; hack/install-deps.sh
# installs them.
find_package(Threads REQUIRED)
# -pthread on every compile and link: gRPC's targets add it to their users
# anyway, and it defines _REENTRANT, which the shared precompiled headers
# (cmake/NavigatorTargets.cmake) must see alike in every target.
add_compile_options(-pthread)
add_link_options(-pthread)
# CONFIG mode: Boost 1.81 ships its own package files (FindBoost predates it).
find_package(Boost 1.81.0 EXACT CONFIG REQUIRED COMPONENTS json)
find_package(OpenSSL 3 REQUIRED)
find_package(ZLIB REQUIRED)
find_package(Protobuf REQUIRED)
find_package(gRPC CONFIG REQUIRED)
find_package(yaml-cpp REQUIRED)
find_package(fmt REQUIRED)
find_package(spdlog REQUIRED)
find_package(CLI11 CONFIG REQUIRED)
if(NAVIGATOR_BUILD_TESTS)
  find_package(GTest REQUIRED)
endif()
