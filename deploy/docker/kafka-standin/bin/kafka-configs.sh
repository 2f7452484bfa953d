#!/usr/bin/env bash
# kafka-configs.sh of the Apache Kafka distribution: org.apache.kafka.admin.ConfigCommand.
exec "$(dirname "$0")/kafka-run-class.sh" org.apache.kafka.admin.ConfigCommand "$@"
