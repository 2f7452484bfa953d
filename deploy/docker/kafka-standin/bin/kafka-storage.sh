#!/usr/bin/env bash
# kafka-storage.sh of the Apache Kafka distribution: kafka.tools.StorageTool.
exec "$(dirname "$0")/kafka-run-class.sh" kafka.tools.StorageTool "$@"
