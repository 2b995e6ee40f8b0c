# syntax=docker/dockerfile:1
#
# Vigil as a small static image: a CGO-free binary on distroless/static
# (CA certificates and time zones, no shell), running as the non-root
# user 65532, writing only to /data (the SQLite database and downloaded
# lists; with --db postgres://... only downloads), so the root file
# system can be mounted read-only.
#
#   docker build -t vigil --build-arg VCS_REF=$(git rev-parse HEAD) .
#   docker run --read-only -v vigil-data:/data -p 8080:8080 vigil serve --lists /data/lists
#
# See docs/running.md ("Deployment").

ARG GO_VERSION=1.26

FROM golang:${GO_VERSION}-bookworm AS build
WORKDIR /src
ENV CGO_ENABLED=0 GOTOOLCHAIN=local
COPY go.mod go.sum ./
RUN go mod download
COPY . .
# The image's build has no .git: the commit comes in as an argument.
ARG VCS_REF=""
RUN go build -trimpath -ldflags "-s -w -X main.commit=${VCS_REF}" -o /out/vigil ./cmd/vigil \
 && mkdir -p /out/data

FROM gcr.io/distroless/static-debian12:nonroot
COPY --from=build /out/vigil /usr/local/bin/vigil
COPY --from=build --chown=65532:65532 /out/data /data
USER 65532:65532
ENV VIGIL_DATA_DIR=/data \
    VIGIL_ADDR=0.0.0.0:8080 \
    VIGIL_LOG_FORMAT=json
VOLUME ["/data"]
EXPOSE 8080
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s --retries=3 \
  CMD ["/usr/local/bin/vigil", "healthcheck"]
ENTRYPOINT ["/usr/local/bin/vigil"]
CMD ["serve"]
