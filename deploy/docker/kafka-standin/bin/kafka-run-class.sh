#!/usr/bin/env bash
# Runs a class of the Kafka jars in /opt/kafka/libs with the usual KAFKA_* JVM variables (a reduced
# kafka-run-class.sh of the Apache Kafka distribution).
set -eu
[ $# -ge 1 ] || { echo "usage: kafka-run-class.sh [-daemon] [-name servicename] classname [opts]" >&2; exit 1; }
base="$(cd "$(dirname "$0")/.." && pwd)"
heap="${KAFKA_HEAP_OPTS:--Xmx256m}"
log4j="${KAFKA_LOG4J_OPTS:--Dlog4j2.configurationFile=$base/config/tools-log4j2.yaml}"
performance="${KAFKA_JVM_PERFORMANCE_OPTS:--server -XX:+UseG1GC -XX:MaxGCPauseMillis=20 -XX:InitiatingHeapOccupancyPercent=35 -XX:+ExplicitGCInvokesConcurrent -Djava.awt.headless=true}"
# shellcheck disable=SC2086  # the option variables hold several words
exec java $heap $performance ${KAFKA_GC_LOG_OPTS:-} ${KAFKA_JMX_OPTS:-} $log4j ${KAFKA_OPTS:-} -cp "$base/libs/*" "$@"
