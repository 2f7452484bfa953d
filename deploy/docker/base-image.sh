#!/usr/bin/env bash
#
# Builds the JRE base image for deploy/docker/Dockerfile without any container registry: a minimal Debian root file
# system made by debootstrap, with Debian's OpenJDK 17 JRE, curl (the images' HEALTHCHECK), tzdata and
# ca-certificates, imported into the local Docker engine.
#
#   sudo deploy/docker/base-image.sh            # builds qihu/debian-jre:17 unless it exists already
#   sudo deploy/docker/base-image.sh --force    # rebuilds it
#
# Then build the service images on it:
#   ./mvnw -B -ntp -Pimage -DskipTests -Dqihu.image.jre=qihu/debian-jre:17 -pl deploy -am verify
#
# Machines that can pull from Docker Hub do not need this: the Dockerfile's default base is eclipse-temurin:17-jre.
#
# Needs: root (debootstrap and chroot), debootstrap, a running Docker engine, and the Debian mirror (only packages
# are downloaded, no image). Idempotent: an existing image is kept unless --force; the scratch root file system is
# made afresh each time and removed afterwards.
#
# Settings (environment): QIHU_BASE_IMAGE (qihu/debian-jre:17), QIHU_BASE_SUITE (bookworm),
# QIHU_BASE_MIRROR (http://deb.debian.org/debian), QIHU_BASE_ROOTFS (a fresh folder under /tmp).

set -euo pipefail

IMAGE="${QIHU_BASE_IMAGE:-qihu/debian-jre:17}"
SUITE="${QIHU_BASE_SUITE:-bookworm}"
MIRROR="${QIHU_BASE_MIRROR:-http://deb.debian.org/debian}"
PACKAGES="openjdk-17-jre-headless ca-certificates curl tzdata"

force=0
case "${1:-}" in
  --force) force=1 ;;
  "") ;;
  -h|--help) sed -n '2,20p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
  *) echo "base-image: unknown argument '$1' (only --force)" >&2; exit 2 ;;
esac

say() { printf 'base-image: %s\n' "$*"; }
die() { printf 'base-image: %s\n' "$*" >&2; exit 1; }

[ "$(id -u)" = 0 ] || die "must run as root (debootstrap and chroot)"
command -v debootstrap >/dev/null 2>&1 || die "debootstrap is missing: apt-get install -y debootstrap"
command -v docker >/dev/null 2>&1 || die "docker is missing: apt-get install -y docker.io"
docker info >/dev/null 2>&1 || die "no Docker engine answers (start dockerd first)"

if [ "$force" = 0 ] && docker image inspect "$IMAGE" >/dev/null 2>&1; then
  say "$IMAGE exists already ($(docker image inspect --format '{{.Size}}' "$IMAGE" | awk '{printf "%.0f MB", $1/1e6}')); --force rebuilds it"
  exit 0
fi

ROOTFS="${QIHU_BASE_ROOTFS:-$(mktemp -d /tmp/qihu-base-rootfs.XXXXXX)}"
cleanup() {
  if mountpoint -q "$ROOTFS/proc" 2>/dev/null; then
    umount "$ROOTFS/proc" || { echo "base-image: $ROOTFS/proc is still mounted; not removing $ROOTFS" >&2; return; }
  fi
  rm -rf "$ROOTFS" "$ROOTFS.debootstrap.log"
}
trap cleanup EXIT
rm -rf "$ROOTFS" && mkdir -p "$ROOTFS"

started=$(date +%s)
say "debootstrap --variant=minbase $SUITE into $ROOTFS from $MIRROR"
debootstrap --variant=minbase "$SUITE" "$ROOTFS" "$MIRROR" > "$ROOTFS.debootstrap.log" 2>&1 \
  || { tail -n 30 "$ROOTFS.debootstrap.log" >&2; die "debootstrap failed (log above)"; }
rm -f "$ROOTFS.debootstrap.log"

say "installing $PACKAGES"
# The JRE's post-install scripts (ca-certificates-java) run java, which needs /proc.
mount -t proc proc "$ROOTFS/proc"
chroot "$ROOTFS" /usr/bin/env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin DEBIAN_FRONTEND=noninteractive sh -euc "
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends $PACKAGES > /dev/null
  apt-get clean
  rm -rf /var/lib/apt/lists/* /var/cache/apt/*.bin /var/log/apt /var/log/dpkg.log /usr/share/doc/* /usr/share/man/* /usr/share/info/*
  java -version 2>&1 | head -n 1
  curl --version | head -n 1
"
umount "$ROOTFS/proc"
jre_version="$(chroot "$ROOTFS" dpkg-query -W -f '${Version}' openjdk-17-jre-headless)"
java_home="$(dirname "$(dirname "$(chroot "$ROOTFS" readlink -f /usr/bin/java)")")"

say "importing as $IMAGE (JRE $jre_version, JAVA_HOME $java_home)"
tar --numeric-owner -C "$ROOTFS" -c . | docker import \
  --change "ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin" \
  --change "ENV JAVA_HOME=$java_home" \
  --change "ENV LANG=C.UTF-8" \
  --change 'CMD ["bash"]' \
  --change "LABEL org.opencontainers.image.title=\"qihu-debian-jre\"" \
  --change "LABEL org.opencontainers.image.description=\"Debian $SUITE minbase (debootstrap) with openjdk-17-jre-headless $jre_version, curl, tzdata; built locally by deploy/docker/base-image.sh\"" \
  --change "LABEL org.opencontainers.image.base.name=\"debian:$SUITE\"" \
  - "$IMAGE" > /dev/null

in_image="$(docker run --rm "$IMAGE" java -version 2>&1)"
say "in the image: ${in_image%%$'\n'*}"
say "$IMAGE built in $(( $(date +%s) - started )) s, $(docker image inspect --format '{{.Size}}' "$IMAGE" | awk '{printf "%.0f MB", $1/1e6}')"
