#!/usr/bin/env bash
# kafka-broker-api-versions.sh of the Apache Kafka distribution: org.apache.kafka.tools.BrokerApiVersionsCommand.
exec "$(dirname "$0")/kafka-run-class.sh" org.apache.kafka.tools.BrokerApiVersionsCommand "$@"
