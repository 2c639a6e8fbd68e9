# navigator-apiserver image. Build from the repository root:
#
#   docker build -f deploy/docker/navigator-apiserver.Dockerfile \
#     -t <registry>/navigator-apiserver:<version> .
#
# Stage 1 builds the one CMake target with the release preset on Debian 12
# with the same packages as development (hack/install-deps.sh). Stage 2 is
# debian:bookworm-slim with only the shared libraries the binary links, found
# with ldd on the built binary; the build fails if one is missing.

FROM debian:bookworm AS builder
ARG TARGET=navigator-apiserver
WORKDIR /src
COPY hack/install-deps.sh hack/install-deps.sh
RUN ./hack/install-deps.sh && rm -rf /var/lib/apt/lists/*
COPY . .
# The repository's `release` preset (g++-12, RelWithDebInfo, warnings as
# errors), without the test suites; the debug info is stripped afterwards.
RUN cmake --preset release -DNAVIGATOR_BUILD_TESTS=OFF \
 && cmake --build --preset release --target "$TARGET" \
 && install -D -m 0755 "build/release/cmd/$TARGET/$TARGET" "/out/$TARGET" \
 && strip --strip-unneeded "/out/$TARGET"

FROM debian:bookworm-slim
ARG TARGET=navigator-apiserver
# Debian packages of the libraries `ldd navigator-apiserver` lists (their own
# dependencies -- libgrpc29, libabsl20220623, libre2-9, libc-ares2 -- come with
# them), plus CA certificates for an etcd reached over https without
# --etcd-cafile.
ARG RUNTIME_PACKAGES="libboost-json1.81.0 libgrpc++1.51 libprotobuf32 libspdlog1.10 libfmt9 libssl3 zlib1g ca-certificates"
RUN apt-get update \
 && apt-get install -y --no-install-recommends $RUNTIME_PACKAGES \
 && rm -rf /var/lib/apt/lists/*
COPY --from=builder /out/$TARGET /usr/local/bin/$TARGET
RUN if ldd "/usr/local/bin/$TARGET" | grep 'not found'; then \
      echo "add the packages of the libraries above to RUNTIME_PACKAGES" >&2; exit 1; \
    fi
LABEL org.opencontainers.image.title="navigator-apiserver" \
      org.opencontainers.image.description="Navigator's aggregated API server (navigator.jetstack.io)"
EXPOSE 6443
# Non-root, numeric so that runAsNonRoot can verify it; the chart runs it with
# a read-only root filesystem.
USER 65532:65532
ENTRYPOINT ["/usr/local/bin/navigator-apiserver"]
