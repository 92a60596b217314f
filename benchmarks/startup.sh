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
#
# `startup.sh app` starts instead the minimal application of benchmarks/startup-app (three AWS
# client beans over an in-memory HTTP client, one call each, no web server, no local servers) in
# the modes bare, otel and starter, interleaved run by run (bare, otel, starter, bare, ...) so that
# the load of a shared machine hits every mode alike. Per mode, the medians of: "process running
# for" (JVM start to application ready), "ready" (after the three first calls, so that work
# deferred to the first call counts), the process's CPU time at ready, and the classes loaded.
# JAVA_OPTS are passed to every process (e.g. -Xlog:class+load:file=...). Build with:
#   ./mvnw -q -pl benchmarks/startup-app -am package -DskipTests -Dinvoker.skip=true
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

if [ "${1:-}" = app ]; then
	APP_JAR=benchmarks/startup-app/target/benchmarks-startup-app-0.1.0-SNAPSHOT.jar
	modes=(bare otel starter)
	declare -A started ready cpu classes
	for run in $(seq 1 "$RUNS"); do
		for mode in "${modes[@]}"; do
			case $mode in
				bare) args=(--otel.aws.enabled=false --otel.sdk.disabled=true) ;;
				otel) args=(--otel.aws.enabled=false) ;;
				starter) args=() ;;
			esac
			# shellcheck disable=SC2086
			out=$(java ${JAVA_OPTS:-} -jar "$APP_JAR" "${args[@]}" 2>&1)
			s=$(grep -o "process running for [0-9.]*" <<< "$out" | awk '{print $4}')
			line=$(grep "ready after first calls" <<< "$out")
			r=$(awk '{print $6}' <<< "$line")
			c=$(awk '{print $9}' <<< "$line")
			k=$(awk '{print $12}' <<< "$line")
			started[$mode]+="$s "
			ready[$mode]+="$r "
			cpu[$mode]+="$c "
			classes[$mode]+="$k "
			echo "run $run $mode: started $s s, ready $r s, cpu $c s, classes $k"
		done
	done
	med() { tr ' ' '\n' <<< "$1" | grep . | median; }
	echo
	echo "| mode | started, median (s) | ready after first calls, median (s) | added to the previous mode (s) | CPU at ready, median (s) | classes loaded |"
	echo "|---|---|---|---|---|---|"
	prev=
	for mode in "${modes[@]}"; do
		r=$(med "${ready[$mode]}")
		added=$([ -n "$prev" ] && awk -v a="$r" -v b="$prev" 'BEGIN {printf "%+.3f", a - b}' || echo "")
		echo "| $mode | $(med "${started[$mode]}") | $r | $added | $(med "${cpu[$mode]}") | $(med "${classes[$mode]}") |"
		prev=$r
	done
	exit 0
fi

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
