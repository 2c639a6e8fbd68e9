# navigator-controller image. Build from the repository root:
#
#   docker build -f deploy/docker/navigator-controller.Dockerfile -t <registry>/navigator-controller:<version> .
#
# NOTE: the CMake target navigator-controller does not exist yet; this file builds once it does
# (an executable defined in cmd/navigator-controller/, as navigator-apiserver is). Until then the
# builder stage stops at "unknown target".
#
# Stage 1 builds the one CMake target with the release preset on Debian 12
# with the same packages as development (hack/install-deps.sh). Stage 2 is
# debian:bookworm-slim with only the shared libraries the binary links; the
# build fails, naming them, if RUNTIME_PACKAGES misses one.

FROM debian:bookworm AS builder
ARG TARGET=navigator-controller
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
ARG TARGET=navigator-controller
# The libraries expected from the design (Boost.JSON, OpenSSL for the
# Kubernetes client, spdlog/fmt, yaml-cpp for kubeconfig files); check with
# ldd once the binary exists. CA certificates verify kube-apiserver.
ARG RUNTIME_PACKAGES="libboost-json1.81.0 libssl3 libspdlog1.10 libfmt9 libyaml-cpp0.7 zlib1g ca-certificates"
RUN apt-get update \
 && apt-get install -y --no-install-recommends $RUNTIME_PACKAGES \
 && rm -rf /var/lib/apt/lists/*
COPY --from=builder /out/$TARGET /usr/local/bin/$TARGET
RUN if ldd "/usr/local/bin/$TARGET" | grep 'not found'; then \
      echo "add the packages of the libraries above to RUNTIME_PACKAGES" >&2; exit 1; \
    fi
LABEL org.opencontainers.image.title="navigator-controller" \
      org.opencontainers.image.description="Navigator's controller: Elasticsearch/OpenSearch and Cassandra clusters from ElasticsearchCluster and CassandraCluster objects"
# Non-root, numeric so that runAsNonRoot can verify it.
USER 65532:65532
ENTRYPOINT ["/usr/local/bin/navigator-controller"]
