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
# the modes bare, otel, library (this starter off, OpenTelemetry's AwsSdkTelemetry wired by hand
# on the three builders, with wrap() on SQS) and starter, interleaved run by run (bare, otel,
# library, starter, bare, ...) so that the load of a shared machine hits every mode alike. Per
# mode, the medians of: "process running for" (JVM start to application ready), "ready" (after
# the three first calls, so that work deferred to the first call counts), the process's and the
# main thread's CPU time at ready, the classes loaded, and the megabytes the main thread
# allocated (a figure that load does not move).
# JAVA_OPTS are passed to every process (e.g. -Xlog:class+load:file=...), JAVA picks the JVM.
# Build with:
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
	APP_JAR=${APP_JAR:-benchmarks/startup-app/target/benchmarks-startup-app-0.1.0-SNAPSHOT.jar}
	modes=(bare otel library starter)
	# BEFORE_JAR=<a copy of the jar built before a change>: its starter mode too, as
	# "starter-before", interleaved with the others.
	if [ -n "${BEFORE_JAR:-}" ]; then
		modes=(bare otel library starter-before starter)
	fi
	declare -A started ready cpu classes maincpu mainalloc
	for run in $(seq 1 "$RUNS"); do
		for mode in "${modes[@]}"; do
			case $mode in
				bare) args=(--otel.aws.enabled=false --otel.sdk.disabled=true) ;;
				otel) args=(--otel.aws.enabled=false) ;;
				library) args=(--otel.aws.enabled=false --startup.library=true) ;;
				starter | starter-before) args=() ;;
			esac
			jar=$APP_JAR
			if [ "$mode" = starter-before ]; then
				jar=$BEFORE_JAR
			fi
			# shellcheck disable=SC2086
			out=$(${JAVA:-java} ${JAVA_OPTS:-} -jar "$jar" "${args[@]}" 2>&1)
			s=$(grep -o "process running for [0-9.]*" <<< "$out" | awk '{print $4}')
			line=$(grep "ready after first calls" <<< "$out")
			r=$(awk '{print $6}' <<< "$line")
			c=$(awk '{print $9}' <<< "$line")
			k=$(awk '{print $12}' <<< "$line" | tr -d ,)
			m=$(awk '{print $16}' <<< "$line")
			a=$(awk '{print $21}' <<< "$line")
			started[$mode]+="$s "
			ready[$mode]+="$r "
			cpu[$mode]+="$c "
			classes[$mode]+="$k "
			maincpu[$mode]+="$m "
			mainalloc[$mode]+="$a "
			echo "run $run $mode: started $s s, ready $r s, cpu $c s, main thread cpu $m s, classes $k, main thread allocated $a MB"
		done
	done
	med() { tr ' ' '\n' <<< "$1" | grep . | median; }
	echo
	# The library and starter modes are compared with otel: what each adds to the SDK.
	echo "| mode | started, median (s) | share to started (s) | ready after first calls, median (s) | share to ready (s) | CPU at ready, median (s) | main thread CPU at ready, median (s) | share of it (s) | classes loaded | main thread allocated, median (MB) |"
	echo "|---|---|---|---|---|---|---|---|---|---|"
	for mode in "${modes[@]}"; do
		s=$(med "${started[$mode]}")
		r=$(med "${ready[$mode]}")
		m=$(med "${maincpu[$mode]}")
		share_s= share_r= share_m=
		if [[ $mode == starter* || $mode == library ]]; then
			share_m=$(awk -v a="$m" -v b="$(med "${maincpu[otel]}")" 'BEGIN {printf "%+.3f", a - b}')
			share_s=$(awk -v a="$s" -v b="$(med "${started[otel]}")" 'BEGIN {printf "%+.3f", a - b}')
			share_r=$(awk -v a="$r" -v b="$(med "${ready[otel]}")" 'BEGIN {printf "%+.3f", a - b}')
		fi
		echo "| $mode | $s | $share_s | $r | $share_r | $(med "${cpu[$mode]}") | $m | $share_m | $(med "${classes[$mode]}") | $(med "${mainalloc[$mode]}") |"
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
