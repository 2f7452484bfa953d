#!/usr/bin/env bash
#
# Builds qihu/kafka-standin:<version>, a locally built STAND-IN for the official apache/kafka image (which this
# repository's docker-compose.yml and the "containers" test profile use), for machines without access to a container
# registry. The jars come from Maven Central (the Maven wrapper's usual repository), the base is a JRE image.
#
#   deploy/docker/kafka-standin/build.sh                           # Kafka 4.1.2 on qihu/debian-jre:17
#   KAFKA_VERSION=4.1.2 JRE_IMAGE=eclipse-temurin:17-jre deploy/docker/kafka-standin/build.sh
#
# Idempotent: an existing image of that tag is kept unless --force. The image is never tagged apache/kafka.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/../../.." && pwd)"
KAFKA_VERSION="${KAFKA_VERSION:-4.1.2}"
JRE_IMAGE="${JRE_IMAGE:-qihu/debian-jre:17}"
IMAGE="${KAFKA_STANDIN_IMAGE:-qihu/kafka-standin:$KAFKA_VERSION}"

case "$IMAGE" in apache/kafka*) echo "kafka-standin: refusing to tag a stand-in as the official $IMAGE" >&2; exit 2 ;; esac
force=0
[ "${1:-}" = "--force" ] && force=1
if [ "$force" = 0 ] && docker image inspect "$IMAGE" > /dev/null 2>&1; then
  echo "kafka-standin: $IMAGE exists already; --force rebuilds it"
  exit 0
fi

echo "kafka-standin: copying the jars of Apache Kafka $KAFKA_VERSION (Maven Central) to $here/target/libs"
rm -rf "$here/target/libs"
"$repo/mvnw" -B -ntp -q -f "$here/pom.xml" -Dkafka.version="$KAFKA_VERSION" dependency:copy-dependencies
echo "kafka-standin: $(ls "$here/target/libs" | wc -l) jars; building $IMAGE on $JRE_IMAGE"
docker build --quiet \
  --build-arg JRE_IMAGE="$JRE_IMAGE" --build-arg KAFKA_VERSION="$KAFKA_VERSION" \
  --tag "$IMAGE" "$here" > /dev/null
echo "kafka-standin: built $IMAGE ($(docker image inspect --format '{{.Size}}' "$IMAGE" | awk '{printf "%.0f MB", $1/1e6}'))"
