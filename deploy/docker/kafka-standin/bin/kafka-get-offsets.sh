#!/usr/bin/env bash
# kafka-get-offsets.sh of the Apache Kafka distribution: org.apache.kafka.tools.GetOffsetShell.
exec "$(dirname "$0")/kafka-run-class.sh" org.apache.kafka.tools.GetOffsetShell "$@"
