#!/usr/bin/env bash
# Builds cairn-local/kafka:3.9.1 (an apache/kafka-compatible test image) unless it exists:
# Maven copies the Kafka jars, Docker adds them to Debian's JRE. Usage: bash build.sh [image]
set -euo pipefail
cd "$(dirname "$0")"
image=${1:-cairn-local/kafka:3.9.1}
if docker image inspect "$image" >/dev/null 2>&1; then
  echo "$image exists"
  exit 0
fi
rm -rf libs
mvn -B -q -f pom.xml dependency:copy-dependencies -DoutputDirectory="$PWD/libs" -DincludeScope=runtime
docker build -q -t "$image" . >/dev/null
rm -rf libs
echo "built $image"
