#!/usr/bin/env python3
# Turns one or more JMH JSON result files (-rf json) into the per-call tables of
# RESULTS.md: time and allocation per call, and what each variant adds to the bare client.
# Usage: python3 benchmarks/tables.py benchmarks/target/jmh.json [more.json ...]
import json
import sys

SERVICES = [("sqs", "SQS SendMessage"), ("sqs-batch", "SQS SendMessageBatch of 10"), ("dynamodb", "DynamoDB GetItem"), ("s3", "S3 PutObject 1 KiB")]
VARIANTS = ["bare", "builder", "builder-unsampled", "starter-tracing", "starter", "starter-unsampled", "agent"]

rows = {}
for path in sys.argv[1:]:
    for result in json.load(open(path)):
        params = result["params"]
        variant = "agent" if result["benchmark"].endswith("AgentBenchmark.call") else params["variant"]
        alloc = result["secondaryMetrics"].get("gc.alloc.rate.norm", {}).get("score")
        rows[(params["transport"], params["service"], variant)] = (
            result["primaryMetric"]["score"], result["primaryMetric"]["scoreError"], alloc)

for transport in ("memory", "loopback"):
    if not any(key[0] == transport for key in rows):
        continue
    print(f"### {transport}\n")
    print("| call | variant | time (µs/op) | ± (99.9%) | allocated (B/op) | time over bare (µs) | allocated over bare (B) |")
    print("|---|---|---|---|---|---|---|")
    for service, title in SERVICES:
        bare = rows.get((transport, service, "bare"))
        for variant in VARIANTS:
            row = rows.get((transport, service, variant))
            if row is None:
                continue
            time, error, alloc = row
            over_time = f"{time - bare[0]:+.1f}" if bare else ""
            over_alloc = f"{alloc - bare[2]:+,.0f}" if bare and alloc is not None else ""
            alloc_text = f"{alloc:,.0f}" if alloc is not None else ""
            print(f"| {title} | {variant} | {time:.1f} | {error:.1f} | {alloc_text} | {over_time} | {over_alloc} |")
    print()
