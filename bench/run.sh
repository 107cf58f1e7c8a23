#!/usr/bin/env bash
# Benchmark: ackwatch against tshark and tcptrace on the same captures, on this machine, in one run.
#
# Four capture shapes (issue 19), each measured with tshark -2 -z expert, tcptrace -n and ackwatch:
#   printer-1m   1,000,000 packets of printer traffic (testdata failure patterns, MultiplyCapture)
#   printer-5m   BENCH_PACKETS (default 5,000,000) packets of the same
#   short-200k   200,000 short web connections, each after a DNS lookup (SyntheticCapture short);
#                ackwatch runs with --all-flows, so that every connection is judged
#   mirror-1.5m  1,500,000 packets on a mirror port where printer traffic is 1% (SyntheticCapture mirror)
# then the scaling of ackwatch at 2x and 4x the printer-5m size with the reading path alone (tcpdump, cat), and a
# batch of four files on 1..N cores. Every row gives wall time, CPU time (user + system) and peak RSS from
# /usr/bin/time, the fastest of BENCH_REPEAT runs (default 3; tshark runs once, it takes minutes), each file read
# into the page cache first, and the wall-time ratios to tcptrace and tshark on the same capture.
#
#   bash bench/run.sh                          # everything (tshark -2 on 5 M packets takes minutes and GBs)
#   BENCH_SHAPES="printer-1m short-200k" bash bench/run.sh
#   BENCH_PACKETS=500000 BENCH_SCALES= BENCH_BATCH=no bash bench/run.sh   # quick run
#   BENCH_TSHARK=no bash bench/run.sh          # without tshark
# Each shape also gets two floor rows (BENCH_FLOORS=no leaves them out): ackwatch --no-analysis (reading, decoding
# and hashing the file) and openssl dgst -sha256 alone, the least any run costs whose report names the file by
# its SHA-256.
set -euo pipefail
cd "$(dirname "$0")/.."
packets=${BENCH_PACKETS:-5000000}
shapes=${BENCH_SHAPES:-printer-1m printer-5m short-200k mirror-1.5m}
scales=${BENCH_SCALES-2 4}
out=bench/out
mkdir -p "$out"

for tool in /usr/bin/time java; do
  command -v "$tool" >/dev/null || { echo "bench: $tool is required" >&2; exit 2; }
done
./ackwatch --version >/dev/null   # builds the jar on first use

# The printer traffic is pinned to the captures it was first measured on (s01-s09 and the seed), so that numbers
# stay comparable across sessions; later scenarios (s10 on) add port scans and non-printer ports.
inputs=$(find testdata -name '*.pcap' ! -name '*ipv6*' | grep -E '/(printer-stops-acking|s0[1-9]-[^/]*)\.pcap$' | sort)
made() { [ -f "$1" ] && [ -f "$1.count" ]; }
multiply() { made "$1" || java bench/MultiplyCapture.java "$1" "$2" $inputs; }

capture_of() {
  case "$1" in
    printer-1m) multiply "$out/printer-1m.pcap" 1000000; echo "$out/printer-1m.pcap" ;;
    printer-5m) multiply "$out/big-1x.pcap" "$packets"; echo "$out/big-1x.pcap" ;;
    short-200k)
      made "$out/short-200k.pcap" || java bench/SyntheticCapture.java short "$out/short-200k.pcap" 200000
      echo "$out/short-200k.pcap" ;;
    mirror-1.5m)
      multiply "$out/mirror-printers.pcap" 15000
      made "$out/mirror-1.5m.pcap" \
        || java bench/SyntheticCapture.java mirror "$out/mirror-1.5m.pcap" 1500000 "$out/mirror-printers.pcap"
      echo "$out/mirror-1.5m.pcap" ;;
    *) echo "bench: unknown shape $1" >&2; exit 2 ;;
  esac
}

# measure NAME FILE CMD...: prints one table row; sets LAST_SECS to its wall time. The ratio columns compare the
# row's wall time with TCPTRACE_SECS and TSHARK_SECS (the same capture's), when those are set.
measure() {
  local name=$1 file=$2; shift 2
  local n bytes log runs best_secs="" best_cpu="" best_kb=""
  LAST_SECS=0
  n=$(cat "$file.count")
  bytes=$(find -L "$file" -type f -name '*.pcap' -exec stat -L -c %s {} + | awk '{s += $1} END {print s}')
  find -L "$file" -type f -name '*.pcap' -exec cat {} + >/dev/null
  runs=${BENCH_REPEAT:-3}
  case "$name" in tshark*) runs=1 ;; esac
  log=$(mktemp)
  for _ in $(seq 1 "$runs"); do
    local rc=0
    /usr/bin/time -f "%e %U %S %M" -o "$log" "$@" >/dev/null 2>"$log.err" || rc=$?
    # ackwatch exits 1 when it found failures, which the benchmark captures have on purpose
    if [ "$rc" -gt 1 ]; then
      echo "| $name | $(basename "$file") | failed (exit $rc): $(grep -v '^Command exited' "$log.err" | tail -1) | | | | | | |"
      rm -f "$log" "$log.err"
      return
    fi
    sed -i '/^Command exited/d' "$log"
    read -r secs user sys kb <"$log"
    if [ -z "$best_secs" ] || awk -v a="$secs" -v b="$best_secs" 'BEGIN { exit !(a < b) }'; then
      best_secs=$secs
      best_cpu=$(awk -v u="$user" -v s="$sys" 'BEGIN { printf "%.2f", u + s }')
      best_kb=$kb
    fi
  done
  LAST_SECS=$best_secs
  awk -v name="$name" -v f="$(basename "$file")" -v n="$n" -v b="$bytes" -v s="$best_secs" -v cpu="$best_cpu" \
      -v kb="$best_kb" -v tt="${TCPTRACE_SECS:-0}" -v ts="${TSHARK_SECS:-0}" 'BEGIN {
    if (s <= 0) s = 0.01;
    vt = (tt > 0) ? sprintf("%.2f", s / tt) : "-";
    vs = (ts > 0) ? sprintf("1/%.0f", ts / s) : "-";
    printf "| %s | %s | %.2f | %.2f | %.0f | %.0f | %.0f | %s | %s |\n", name, f, s, cpu, n / s, b / s / 1048576, kb / 1024, vt, vs }'
  rm -f "$log" "$log.err"
}

header() {
  echo "| tool | capture | wall s | CPU s | packets/s | MB/s | peak RSS MB | wall vs tcptrace | wall vs tshark -2 |"
  echo "|---|---|---|---|---|---|---|---|---|"
}

echo
echo "Machine: $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB RAM, $(java -version 2>&1 | head -1), $(tshark --version 2>/dev/null | head -1)"
echo
header
for shape in $shapes; do
  f=$(capture_of "$shape")
  TSHARK_SECS=0
  TCPTRACE_SECS=0
  if [ "${BENCH_TSHARK:-yes}" = yes ] && command -v tshark >/dev/null; then
    measure "tshark -2 -z expert" "$f" tshark -2 -n -r "$f" -q -z expert
    TSHARK_SECS=$LAST_SECS
  fi
  if command -v tcptrace >/dev/null; then
    measure "tcptrace -n" "$f" tcptrace -n "$f"
    TCPTRACE_SECS=$LAST_SECS
  fi
  extra=()
  [ "$shape" = short-200k ] && extra=(--all-flows)
  measure "ackwatch analyze${extra[*]:+ ${extra[*]}}" "$f" ./ackwatch analyze "${extra[@]}" --format json --output /dev/null --progress never "$f"
  if [ "${BENCH_FLOORS:-yes}" = yes ]; then
    # floors: what any run whose report carries the file's SHA-256 costs at least, whatever the analysis does
    measure "floor: ackwatch read only" "$f" ./ackwatch analyze --no-analysis --format json --output /dev/null --progress never "$f"
    command -v openssl >/dev/null && measure "floor: openssl dgst -sha256" "$f" openssl dgst -sha256 "$f"
  fi
done

if [ -n "$scales" ]; then
  big=$(capture_of printer-5m)
  echo
  echo "Scaling and the reading path (printer traffic; ratios to tcptrace and tshark left out):"
  echo
  header
  TSHARK_SECS=0
  TCPTRACE_SECS=0
  measure "ackwatch analyze -Xmx256m" "$big" env JAVA_OPTS=-Xmx256m ./ackwatch analyze --format json --output /dev/null --progress never "$big"
  # as on a mirror port where nothing is printer traffic: every connection numbered and counted, none analysed
  measure "ackwatch analyze, no printer port" "$big" ./ackwatch analyze --printer-port 9999 --format json --output /dev/null --progress never "$big"
  measure "ackwatch read only" "$big" ./ackwatch analyze --no-analysis --format json --output /dev/null --progress never "$big"
  command -v tcpdump >/dev/null && measure "tcpdump -r -w /dev/null" "$big" tcpdump -r "$big" -w /dev/null
  measure "cat (sequential read)" "$big" cat "$big"
  for s in $scales; do
    f="$out/big-${s}x.pcap"
    multiply "$f" $((packets * s))
    measure "ackwatch analyze" "$f" ./ackwatch analyze --format json --output /dev/null --progress never "$f"
    measure "ackwatch analyze -Xmx256m" "$f" env JAVA_OPTS=-Xmx256m ./ackwatch analyze --format json --output /dev/null --progress never "$f"
  done
fi

# Batch: how a folder of captures speeds up with more cores. The same command runs pinned to 1, 2, ... cores
# (taskset; the JVM sizes --jobs and its threads to the cores it may use), so the speed-up is that of adding
# cores, whatever ackwatch does with them (files in parallel, judging beside reading).
batch=$out/batch
if [ "${BENCH_BATCH:-yes}" = yes ] && command -v taskset >/dev/null; then
  mkdir -p "$batch"
  multiply "$out/batch-part.pcap" 500000 2>/dev/null
  for i in 1 2 3 4; do ln -sf "../batch-part.pcap" "$batch/part-$i.pcap"; done
  echo $(( $(cat "$out/batch-part.pcap.count") * 4 )) >"$batch.count"
  echo
  echo "Batch of 4 files ($(cat "$batch.count") packets) on 1 to $(nproc) cores (wall vs tcptrace: vs 1 core):"
  echo
  header
  TSHARK_SECS=0
  TCPTRACE_SECS=0
  for c in $(seq 1 "$(nproc)"); do
    measure "ackwatch analyze on $c core(s)" "$batch" taskset -c "0-$((c - 1))" ./ackwatch analyze --format json --output /dev/null --progress never "$batch"
    [ "$c" -eq 1 ] && TCPTRACE_SECS=$LAST_SECS
  done
fi
