#!/usr/bin/env bash
# Startup cost, as whole processes: the sample app started RUNS times in each mode, and the
# median of "process running for" (JVM start to application ready) that Spring Boot logs.
#   bare:    the starter and the OpenTelemetry SDK switched off (otel.aws.enabled=false,
#            otel.sdk.disabled=true)
#   otel:    the OpenTelemetry SDK on (from the OpenTelemetry Spring Boot starter), this
#            starter off (otel.aws.enabled=false): what the SDK itself costs
#   starter: the sample as it ships
#   agent:   the OpenTelemetry Java agent attached, the starter and the SDK switched off
# Run from the repository root after:
#   ./mvnw -q -Pbenchmarks -pl sample-app,benchmarks -am package -DskipTests
set -euo pipefail
RUNS=${RUNS:-7}
JAR=sample-app/target/sample-app-0.1.0-SNAPSHOT.jar
AGENT=benchmarks/target/agent/opentelemetry-javaagent.jar

start_once() {
	local log
	log=$(mktemp)
	"$@" > "$log" 2>&1 &
	local pid=$!
	for _ in $(seq 1 600); do
		if grep -q "process running for" "$log"; then
			break
		fi
		sleep 0.1
	done
	grep -o "process running for [0-9.]*" "$log" | awk '{print $4}'
	pkill -TERM -P "$pid" 2>/dev/null || true
	kill "$pid" 2>/dev/null || true
	wait "$pid" 2>/dev/null || true
	rm -f "$log"
}

median() {
	sort -n | awk '{a[NR]=$1} END {if (NR % 2) print a[(NR+1)/2]; else print (a[NR/2]+a[NR/2+1])/2}'
}

common=(--server.port=0 --otel.traces.exporter=none --otel.metrics.exporter=none --otel.logs.exporter=none)
declare -A results
for mode in bare otel starter agent; do
	times=()
	for _ in $(seq 1 "$RUNS"); do
		case $mode in
			bare) times+=("$(start_once java -jar "$JAR" "${common[@]}" --otel.aws.enabled=false --otel.sdk.disabled=true)") ;;
			otel) times+=("$(start_once java -jar "$JAR" "${common[@]}" --otel.aws.enabled=false)") ;;
			starter) times+=("$(start_once java -jar "$JAR" "${common[@]}")") ;;
			agent) times+=("$(start_once java -javaagent:"$AGENT" -Dotel.traces.exporter=none -Dotel.metrics.exporter=none \
				-Dotel.logs.exporter=none -Dotel.javaagent.logging=none -jar "$JAR" "${common[@]}" \
				--otel.aws.enabled=false --otel.sdk.disabled=true)") ;;
		esac
	done
	results[$mode]=$(printf '%s\n' "${times[@]}" | median)
	echo "$mode: ${times[*]} -> median ${results[$mode]} s"
done
echo
echo "| mode | median startup (s) | added to bare (s) |"
echo "|---|---|---|"
for mode in bare otel starter agent; do
	echo "| $mode | ${results[$mode]} | $(awk -v a="${results[$mode]}" -v b="${results[bare]}" 'BEGIN {printf "%.3f", a - b}') |"
done
