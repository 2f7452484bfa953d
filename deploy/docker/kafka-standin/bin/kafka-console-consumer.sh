#!/usr/bin/env bash
# kafka-console-consumer.sh of the Apache Kafka distribution: org.apache.kafka.tools.consumer.ConsoleConsumer.
exec "$(dirname "$0")/kafka-run-class.sh" org.apache.kafka.tools.consumer.ConsoleConsumer "$@"
