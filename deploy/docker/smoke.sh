#!/usr/bin/env bash
#
# Smoke test of the service IMAGES: the four services run as containers (qihu/<service>:<version>, built by
# "./mvnw -Pimage"), Kafka runs as a container too, MongoDB is the local stack's embedded Mongo-wire server (the
# launcher with QIHU_SERVICES=none). One signed hotline request is sent to intake and followed until intake reports
# it ASSIGNED, i.e. intake -> triage -> dispatch -> intake through Kafka, all in containers. Prints what it does.
#
#   deploy/docker/smoke.sh
#
# Needs: a Docker engine, the service images, a Kafka image, Java 17+ and deploy/target/qihu-launcher.jar
# (./mvnw -B -ntp -DskipTests -pl deploy -am package), curl and openssl (./qihu send).
#
# Settings (environment):
#   SMOKE_KAFKA_IMAGE      Kafka image (default qihu/kafka-standin:4.1.2, the local stand-in from
#                          deploy/docker/kafka-standin/build.sh; apache/kafka:4.1.2 where it can be pulled)
#   SMOKE_SERVICES         services to run (default: intake triage dispatch evaluation; intake, triage and dispatch
#                          are needed for the request to be assigned)
#   SMOKE_PORT_BASE        ports used on the host (default 28000: Kafka 28092/28093, the launcher's own unused
#                          broker 28192/28193, MongoDB 28017, intake..evaluation 28081..28084, sign-in 28080)
#   SMOKE_SERVICE_MEMORY   memory limit of each service container (default 768m, as docker-compose.yml)
#   QIHU_VERSION           image tag (default: the version in the root pom.xml)
#   SMOKE_KEEP=1           leave the containers and the launcher running at the end (stop: SMOKE_KEEP=0 rerun
#                          cleans up leftovers first)
#
# Why host networking: the embedded MongoDB listens on 127.0.0.1 only, so the containers share the host's network
# (--network host) and every address is 127.0.0.1:<port>. docker-compose.yml is the real deployment's shape.

set -euo pipefail

REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
VERSION="${QIHU_VERSION:-$(sed -n 's:^    <version>\(.*\)</version>:\1:p' "$REPO/pom.xml" | head -n 1)}"
KAFKA_IMAGE="${SMOKE_KAFKA_IMAGE:-qihu/kafka-standin:4.1.2}"
SERVICES="${SMOKE_SERVICES:-intake triage dispatch evaluation}"
BASE="${SMOKE_PORT_BASE:-28000}"
MEMORY="${SMOKE_SERVICE_MEMORY:-768m}"
KAFKA_PORT=$((BASE + 92)); KAFKA_CONTROLLER_PORT=$((BASE + 93))
MONGO_PORT=$((BASE + 17)); AUTH_PORT=$((BASE + 80))
PREFIX=qihu-smoke
LAUNCHER_JAR="$REPO/deploy/target/qihu-launcher.jar"
WORK="$(mktemp -d /tmp/qihu-smoke.XXXXXX)"
HEALTH_TIMEOUT=240
launcher_pid=""

say() { printf '%s smoke: %s\n' "$(date +%T)" "$*"; }
die() { printf '%s smoke: FAILED: %s\n' "$(date +%T)" "$*" >&2; exit 1; }
port_of() {
  case "$1" in intake) echo $((BASE + 81)) ;; triage) echo $((BASE + 82)) ;; dispatch) echo $((BASE + 83)) ;;
    evaluation) echo $((BASE + 84)) ;; *) die "unknown service '$1'" ;; esac
}
now() { date +%s.%N; }
seconds_since() { awk -v a="$1" -v b="$(now)" 'BEGIN { printf "%.1f", b - a }'; }
mb() { awk '{ printf "%.0f MB", $1 / 1e6 }'; }

cleanup() {
  local rc=$?
  if [ "${SMOKE_KEEP:-0}" = 1 ]; then
    say "SMOKE_KEEP=1: containers ($PREFIX-*) and the launcher (pid $launcher_pid, home $WORK/home) keep running"
    return
  fi
  say "cleaning up: containers $PREFIX-*, launcher ${launcher_pid:-(not started)}"
  docker ps -aq --filter "name=^$PREFIX-" | xargs -r docker rm -f > /dev/null 2>&1 || true
  if [ -n "$launcher_pid" ] && kill -0 "$launcher_pid" 2>/dev/null; then
    kill -TERM "$launcher_pid" 2>/dev/null || true
    for _ in $(seq 1 60); do kill -0 "$launcher_pid" 2>/dev/null || break; sleep 1; done
    kill -KILL "$launcher_pid" 2>/dev/null || true
  fi
  rm -rf "$WORK"
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# --- Preconditions --------------------------------------------------------------------------------------------------
command -v docker > /dev/null || die "docker is missing"
docker info > /dev/null 2>&1 || die "no Docker engine answers"
command -v java > /dev/null || die "java (17+) is missing"
[ -f "$LAUNCHER_JAR" ] || die "$LAUNCHER_JAR is missing: ./mvnw -B -ntp -DskipTests -pl deploy -am package"
docker image inspect "$KAFKA_IMAGE" > /dev/null 2>&1 \
  || die "no image $KAFKA_IMAGE (deploy/docker/kafka-standin/build.sh builds the stand-in)"
for s in $SERVICES; do
  docker image inspect "qihu/$s-service:$VERSION" > /dev/null 2>&1 \
    || die "no image qihu/$s-service:$VERSION: ./mvnw -B -ntp -Pimage -DskipTests -pl deploy -am verify"
done
leftovers="$(docker ps -aq --filter "name=^$PREFIX-")"
if [ -n "$leftovers" ]; then
  say "removing containers left by an earlier run"
  printf '%s\n' "$leftovers" | xargs docker rm -f > /dev/null
fi

say "images under test (tag $VERSION):"
printf '  %-40s %-7s %-6s %-42s %s\n' IMAGE SIZE USER HEALTHCHECK JAVA_OPTS
for s in $SERVICES; do
  image="qihu/$s-service:$VERSION"
  printf '  %-40s %-7s %-6s %-42s %s\n' "$image" "$(docker image inspect --format '{{.Size}}' "$image" | mb | tr -d ' ')" \
    "$(docker image inspect --format '{{.Config.User}}' "$image" | cut -d: -f1)" \
    "$(docker image inspect --format '{{join .Config.Healthcheck.Test " "}}' "$image" | sed 's/^CMD-SHELL //' | cut -c1-42)" \
    "$(docker image inspect --format '{{range .Config.Env}}{{println .}}{{end}}' "$image" | sed -n 's/^JAVA_OPTS=//p')"
done
printf '  %-40s %-7s %s\n' "$KAFKA_IMAGE" "$(docker image inspect --format '{{.Size}}' "$KAFKA_IMAGE" | mb | tr -d ' ')" \
  "$(docker image inspect --format '{{index .Config.Labels "org.opencontainers.image.description"}}' "$KAFKA_IMAGE" | cut -c1-70)"

# --- Infrastructure -------------------------------------------------------------------------------------------------
say "starting MongoDB (embedded Mongo-wire server of the launcher, QIHU_SERVICES=none) on 127.0.0.1:$MONGO_PORT"
(
  export QIHU_HOME="$WORK/home" QIHU_REPO="$REPO" QIHU_SERVICES=none
  export QIHU_MONGO_PORT="$MONGO_PORT" QIHU_KAFKA_PORT=$((BASE + 192)) QIHU_KAFKA_CONTROLLER_PORT=$((BASE + 193))
  export QIHU_AUTH_PORT="$AUTH_PORT" QIHU_INTAKE_PORT="$(port_of intake)" QIHU_TRIAGE_PORT="$(port_of triage)"
  export QIHU_DISPATCH_PORT="$(port_of dispatch)" QIHU_EVALUATION_PORT="$(port_of evaluation)"
  exec java -Xmx512m -XX:+UseSerialGC -jar "$LAUNCHER_JAR" up > "$WORK/launcher.out" 2>&1
) &
launcher_pid=$!
for _ in $(seq 1 120); do
  [ -f "$WORK/home/run/ready" ] && break
  kill -0 "$launcher_pid" 2>/dev/null || { cat "$WORK/launcher.out" >&2; die "the launcher stopped"; }
  sleep 1
done
[ -f "$WORK/home/run/ready" ] || die "the launcher was not ready within 120 s"
say "MongoDB up (launcher pid $launcher_pid; its own embedded broker on $((BASE + 192)) is not used)"

say "starting Kafka from $KAFKA_IMAGE on 127.0.0.1:$KAFKA_PORT (KRaft, broker and controller)"
kafka_started="$(now)"
docker run -d --name "$PREFIX-kafka" --network host --memory 768m \
  -e CLUSTER_ID=qihu-smoke-cluster0001 \
  -e KAFKA_NODE_ID=1 -e KAFKA_PROCESS_ROLES=broker,controller \
  -e KAFKA_LISTENERS="PLAINTEXT://127.0.0.1:$KAFKA_PORT,CONTROLLER://127.0.0.1:$KAFKA_CONTROLLER_PORT" \
  -e KAFKA_ADVERTISED_LISTENERS="PLAINTEXT://127.0.0.1:$KAFKA_PORT" \
  -e KAFKA_CONTROLLER_LISTENER_NAMES=CONTROLLER \
  -e KAFKA_LISTENER_SECURITY_PROTOCOL_MAP=CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT \
  -e KAFKA_CONTROLLER_QUORUM_VOTERS="1@127.0.0.1:$KAFKA_CONTROLLER_PORT" \
  -e KAFKA_LOG_DIRS=/var/lib/kafka/data \
  -e KAFKA_OFFSETS_TOPIC_REPLICATION_FACTOR=1 -e KAFKA_TRANSACTION_STATE_LOG_REPLICATION_FACTOR=1 \
  -e KAFKA_TRANSACTION_STATE_LOG_MIN_ISR=1 -e KAFKA_GROUP_INITIAL_REBALANCE_DELAY_MS=0 \
  -e KAFKA_HEAP_OPTS="-Xms256m -Xmx256m" \
  "$KAFKA_IMAGE" > /dev/null
for _ in $(seq 1 90); do
  docker logs "$PREFIX-kafka" 2>&1 | grep -q 'Transitioning from RECOVERY to RUNNING' && break
  [ "$(docker inspect -f '{{.State.Running}}' "$PREFIX-kafka")" = true ] || { docker logs "$PREFIX-kafka" 2>&1 | tail -n 30 >&2; die "Kafka stopped"; }
  sleep 1
done
docker exec "$PREFIX-kafka" /opt/kafka/bin/kafka-broker-api-versions.sh --bootstrap-server "127.0.0.1:$KAFKA_PORT" > /dev/null \
  || die "Kafka does not answer on 127.0.0.1:$KAFKA_PORT"
say "Kafka up in $(seconds_since "$kafka_started") s ($(docker exec "$PREFIX-kafka" cat /opt/kafka/VERSION 2>/dev/null || echo '?'))"

# --- Services -------------------------------------------------------------------------------------------------------
declare -A started
for s in $SERVICES; do
  port="$(port_of "$s")"
  extra=()
  if [ "$s" = intake ]; then
    # As docker-compose.yml: the channels' keys from a mounted secret file, here the public demo keys.
    extra+=(-v "$REPO/deploy/docker/channel-keys.demo.yml:/run/secrets/channel-keys.yml:ro"
            -e SPRING_CONFIG_IMPORT=file:/run/secrets/channel-keys.yml)
  fi
  say "starting $s-service from qihu/$s-service:$VERSION on 127.0.0.1:$port (memory limit $MEMORY)"
  started[$s]="$(now)"
  docker run -d --name "$PREFIX-$s" --network host --memory "$MEMORY" \
    -e SERVER_PORT="$port" \
    -e QIHU_KAFKA_BROKERS="127.0.0.1:$KAFKA_PORT" \
    -e QIHU_MONGO_URI="mongodb://127.0.0.1:$MONGO_PORT" \
    -e QIHU_ISSUER="http://127.0.0.1:$AUTH_PORT" \
    -e QIHU_JWK_SET_URI="http://127.0.0.1:$AUTH_PORT/oauth2/jwks" \
    "${extra[@]}" "qihu/$s-service:$VERSION" > /dev/null
done

say "waiting for every service: readiness from the host (1 s polls) and the image's HEALTHCHECK (every 10 s)"
declare -A ready healthy
deadline=$(( $(date +%s) + HEALTH_TIMEOUT ))
while :; do
  pending=0
  for s in $SERVICES; do
    if [ -z "${ready[$s]:-}" ]; then
      if curl -fsS -o /dev/null --max-time 2 "http://127.0.0.1:$(port_of "$s")/actuator/health/readiness" 2>/dev/null; then
        ready[$s]="$(seconds_since "${started[$s]}")"
        say "$s-service ready after ${ready[$s]} s"
      else
        pending=1
      fi
    fi
    if [ -z "${healthy[$s]:-}" ]; then
      state="$(docker inspect -f '{{.State.Health.Status}} {{.State.Running}}' "$PREFIX-$s")"
      case "$state" in
        "healthy "*) healthy[$s]="$(seconds_since "${started[$s]}")"; say "$s-service container healthy after ${healthy[$s]} s" ;;
        *" false") docker logs "$PREFIX-$s" 2>&1 | tail -n 40 >&2; die "$s-service stopped" ;;
        *) pending=1 ;;
      esac
    fi
  done
  [ "$pending" = 0 ] && break
  [ "$(date +%s)" -lt "$deadline" ] || die "not all services were ready and healthy within $HEALTH_TIMEOUT s"
  sleep 1
done

say "inside the containers:"
printf '  %-20s %-6s %-9s %-14s %s\n' CONTAINER UID PID1 MEM-LIMIT 'MAX HEAP (jvm_memory_max_bytes, heap)'
for s in $SERVICES; do
  limit="$(docker inspect -f '{{.HostConfig.Memory}}' "$PREFIX-$s")"
  heap="$(curl -fsS --max-time 5 "http://127.0.0.1:$(port_of "$s")/actuator/prometheus" \
    | awk '/^jvm_memory_max_bytes\{.*area="heap".*id="G1 Old Gen"/ { print $NF }')"
  printf '  %-20s %-6s %-9s %-14s %s\n' "$PREFIX-$s" "$(docker exec "$PREFIX-$s" id -u)" \
    "$(docker exec "$PREFIX-$s" cat /proc/1/comm)" "$(echo "$limit" | awk '{ printf "%.0f MiB", $1 / 1048576 }')" \
    "$(echo "${heap:-0}" | awk -v l="$limit" '{ printf "%.0f MiB (%.0f%% of the limit)", $1 / 1048576, 100 * $1 / l }')"
done

# --- One request through intake -> triage -> dispatch ---------------------------------------------------------------
case " $SERVICES " in *" intake "*) ;; *) say "intake is not running: no request sent"; exit 0 ;; esac
id="SMOKE-$(date +%Y%m%d%H%M%S)"
cat > "$WORK/request.json" <<EOF
{"channel": "hotline-12345", "channelRequestId": "$id",
 "enterprise": {"uscc": "91330782MA2D7QF513", "name": "义乌市鸿达小商品有限公司"},
 "regionCode": "330782", "title": "厂房消防验收迟迟未办结 $id",
 "content": "我司新建厂房于一月提交消防验收申请，至今未收到验收结果，影响投产。编号 $id",
 "contact": {"name": "王经理", "phone": "13905791234"}}
EOF
intake_url="http://127.0.0.1:$(port_of intake)"
say "sending hotline request $id to intake (./qihu send --channel hotline-12345 --canonical, signed with the demo key)"
sent="$(now)"
answer="$(QIHU_INTAKE_URL="$intake_url" "$REPO/qihu" send --channel hotline-12345 --canonical "$WORK/request.json" 2>&1)" \
  || die "intake refused it: $answer"
printf '  %s\n' "$answer"
request_id="$(printf '%s' "$answer" | sed -n 's/.*"requestId":"\([^"]*\)".*/\1/p')"

say "following GET $intake_url/api/v1/channels/hotline-12345/requests/$id"
last=""
status=""
for _ in $(seq 1 240); do
  body="$(curl -sS --max-time 5 "$intake_url/api/v1/channels/hotline-12345/requests/$id" || true)"
  status="$(printf '%s' "$body" | sed -n 's/.*"status":"\([A-Z_]*\)".*/\1/p')"
  if [ -n "$status" ] && [ "$status" != "$last" ]; then
    say "  status $status after $(seconds_since "$sent") s"
    last="$status"
  fi
  [ "$status" = ASSIGNED ] && break
  sleep 0.5
done
[ "$status" = ASSIGNED ] || die "request $id was not assigned within 120 s (last answer: $body)"
printf '  %s\n' "$body" | cut -c1-400

say "the request's correlation id ($request_id) in the containers' JSON logs:"
for s in $SERVICES; do
  lines="$(docker logs "$PREFIX-$s" 2>&1 | grep -F "$request_id" || true)"
  count="$(printf '%s' "$lines" | grep -c . || true)"
  first="$(printf '%s\n' "$lines" | head -n 1 | sed -n 's/.*"message":"\([^"]*\)".*/\1/p' | cut -c1-100)"
  [ -n "$first" ] && first="first: $first" || first="(none at the default log level)"
  printf '  %-12s %3s lines  %s\n' "$s" "$count" "$first"
done

say "topics on the broker:"
docker exec "$PREFIX-kafka" /opt/kafka/bin/kafka-topics.sh --bootstrap-server "127.0.0.1:$KAFKA_PORT" --list | sed 's/^/  /'
say "memory in use:"
docker stats --no-stream --format '{{.Name}}\t{{.MemUsage}}' $(docker ps -q --filter "name=^$PREFIX-") | sed 's/^/  /'
say "PASSED: $id accepted by intake, triaged, assigned by dispatch (intake reports ASSIGNED), all services in containers"
