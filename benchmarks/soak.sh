#!/usr/bin/env bash
# Soak: the sample app under orders placed back to back (one client, over loopback) for
# MINUTES (default 30), sampled every SAMPLE_SECONDS (default 60): heap after a full GC,
# live threads, orders answered and failed, the starter's clients and call count (its
# awsclients endpoint), the calls its timeout watch holds and the contexts opted in to
# tracing clients that are not beans. Prints a Markdown table and fails if an order was
# not answered, or if heap after GC grew by more than 32 MB or live threads by more than
# 4 between the first and last sample. It is SampleSoakIntegrationTests, which CI runs for
# about 90 seconds, run longer. Not part of CI. Run from the repository root:
#   benchmarks/soak.sh            # 30 minutes
#   MINUTES=10 benchmarks/soak.sh
set -euo pipefail
MINUTES=${MINUTES:-30}
SAMPLE_SECONDS=${SAMPLE_SECONDS:-60}
./mvnw -B -ntp -pl sample-app -am verify -Dtest=NONE -Dsurefire.failIfNoSpecifiedTests=false \
	-Dit.test=SampleSoakIntegrationTests -Dfailsafe.failIfNoSpecifiedTests=false -Dinvoker.skip=true \
	-Dsoak.seconds=$((MINUTES * 60)) -Dsoak.sample-seconds="$SAMPLE_SECONDS" "$@" \
	| sed -n '/^| s |/,/^$/p; /Tests run:\|FAIL\|BUILD/p'
