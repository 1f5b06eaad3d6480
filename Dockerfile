# rolepack in a container (docs/release.md#the-container): built from these
# sources the way "make dist" builds its linux binary, and shipped on Debian
# with git (for the stamp's commit, diff and history) and the Noto fonts a
# pack names by family for scripts the built-in Noto Sans lacks.
#
#   docker build --build-arg VERSION="$(git describe --tags --always --dirty | sed 's/^v//')" -t rolepack .
#   docker run --rm -v "$PWD:/pack" rolepack build
#
# Both base images are pinned (the Go release of go.mod, a dated Debian
# image), and Debian's packages come from snapshot.debian.org at a fixed
# date: a rebuild installs the same font files, so a pack that names a font
# family gets the same stamp from every build of this image. Moving either
# pin is a deliberate change, in one commit.

# The build runs on the builder's own platform and cross-compiles for the
# image's (TARGETOS, TARGETARCH: set by BuildKit and Podman; empty, and so
# the builder's, elsewhere).
FROM --platform=$BUILDPLATFORM golang:1.26.8-trixie AS build
WORKDIR /src
COPY go.mod go.sum ./
RUN go mod download
COPY . .
ARG VERSION=
ARG TARGETOS
ARG TARGETARCH
RUN CGO_ENABLED=0 GOOS=$TARGETOS GOARCH=$TARGETARCH GOAMD64=v1 GOARM64=v8.0 \
    GOFLAGS= GOEXPERIMENT= GOWORK=off GOTOOLCHAIN=local \
    go build -trimpath -buildvcs=false -ldflags "-s -w -buildid= -X main.version=${VERSION}" \
      -o /out/rolepack ./cmd/rolepack

FROM debian:trixie-20260406-slim
# The snapshot of Debian the packages come from; FONTS, the font packages
# (about 130 MB of the image: FONTS="" for a smaller image that sets Latin,
# Greek and Cyrillic only, with the built-in faces).
ARG DEBIAN_SNAPSHOT=20260406T000000Z
ARG FONTS="fonts-noto-core fonts-noto-cjk"
RUN set -eu; \
    sed -i \
      -e "s|^URIs: http://deb.debian.org/debian-security\$|URIs: http://snapshot.debian.org/archive/debian-security/${DEBIAN_SNAPSHOT}|" \
      -e "s|^URIs: http://deb.debian.org/debian\$|URIs: http://snapshot.debian.org/archive/debian/${DEBIAN_SNAPSHOT}|" \
      /etc/apt/sources.list.d/debian.sources; \
    if grep -q '^URIs: http://deb.debian.org' /etc/apt/sources.list.d/debian.sources; then \
      echo "apt sources not moved to the snapshot" >&2; exit 1; \
    fi; \
    apt-get -o Acquire::Check-Valid-Until=false update; \
    apt-get install -y --no-install-recommends git $FONTS; \
    rm -rf /var/lib/apt/lists/*; \
    git config --system safe.directory '*'; \
    useradd --uid 10001 --user-group --create-home --shell /usr/sbin/nologin rolepack
# safe.directory: the mounted pack belongs to the host's user, not the
# container's; without it git refuses to read it and the stamp has no commit.
COPY --from=build /out/rolepack /usr/local/bin/rolepack
USER 10001:10001
WORKDIR /pack
ENTRYPOINT ["/usr/local/bin/rolepack"]
CMD ["--help"]
