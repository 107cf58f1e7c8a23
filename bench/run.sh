#!/usr/bin/env bash
# Benchmark: ackwatch against tshark (and tcptrace, tcpdump) on the same large capture, on this machine.
# Builds bench/out/big-1x.pcap (>= BENCH_PACKETS packets, default 5,000,000) from testdata captures by
# repeating them with shifted times and addresses, plus 2x and 4x versions, then measures each tool with
# /usr/bin/time (wall time and peak RSS) and prints a Markdown table: packets/s, MB/s, peak RSS, and the
# ratio to tshark's two-pass analysis.
#
#   bash bench/run.sh                # full run (5 M packets; tshark -2 needs several minutes and GBs)
#   BENCH_PACKETS=500000 bash bench/run.sh   # quick run
#   BENCH_SCALES="1" bash bench/run.sh       # only 1x
#   BENCH_REPEAT=1 bash bench/run.sh         # one run per tool instead of the fastest of three
# tshark, tcptrace and the reading-path rows run at the scales in BENCH_FULL_SCALES (default 1): tshark -2
# holds the whole file in memory, and at 4x that is more than this machine has.
set -euo pipefail
cd "$(dirname "$0")/.."
packets=${BENCH_PACKETS:-5000000}
scales=${BENCH_SCALES:-1 2 4}
full_scales=${BENCH_FULL_SCALES:-1}
out=bench/out
mkdir -p "$out"

for tool in /usr/bin/time java; do
  command -v "$tool" >/dev/null || { echo "bench: $tool is required" >&2; exit 2; }
done
./ackwatch --version >/dev/null   # builds the jar on first use

# The benchmark's input is pinned to the captures it was first measured on (s01-s09 and the seed), so that
# numbers stay comparable across sessions; later scenarios (s10 on) add port scans and non-printer ports.
inputs=$(find testdata -name '*.pcap' ! -name '*ipv6*' | grep -E '/(printer-stops-acking|s0[1-9]-[^/]*)\.pcap$' | sort)
for s in $scales; do
  f="$out/big-${s}x.pcap"
  [ -f "$f" ] && [ -f "$f.count" ] || java bench/MultiplyCapture.java "$f" $((packets * s)) $inputs
done

# measure NAME FILE CMD...: prints one table row, the fastest of BENCH_REPEAT runs (default 3; tshark runs
# once, it takes minutes). The file is read once first so that every tool finds it in the page cache: the 2x and
# 4x captures do not all fit in memory at once, and a run that reads from disk measures the disk.
measure() {
  local name=$1 file=$2; shift 2
  local n bytes log runs best_secs="" best_kb=""
  LAST_SECS=0
  n=$(cat "$file.count")
  bytes=$(find -L "$file" -type f -name '*.pcap' -exec stat -L -c %s {} + | awk '{s += $1} END {print s}')
  find -L "$file" -type f -name '*.pcap' -exec cat {} + >/dev/null
  runs=${BENCH_REPEAT:-3}
  case "$name" in tshark*) runs=1 ;; esac
  log=$(mktemp)
  for _ in $(seq 1 "$runs"); do
    local rc=0
    /usr/bin/time -f "%e %M" -o "$log" "$@" >/dev/null 2>"$log.err" || rc=$?
    # ackwatch exits 1 when it found failures, which the benchmark capture has on purpose
    if [ "$rc" -gt 1 ]; then
      echo "| $name | $(basename "$file") | failed (exit $rc): $(grep -v '^Command exited' "$log.err" | tail -1) | | | | |"
      rm -f "$log" "$log.err"
      return
    fi
    sed -i '/^Command exited/d' "$log"
    read -r secs kb <"$log"
    if [ -z "$best_secs" ] || awk -v a="$secs" -v b="$best_secs" 'BEGIN { exit !(a < b) }'; then
      best_secs=$secs
      best_kb=$kb
    fi
  done
  LAST_SECS=$best_secs
  awk -v name="$name" -v f="$(basename "$file")" -v n="$n" -v b="$bytes" -v s="$best_secs" -v kb="$best_kb" -v ref="${TSHARK_PPS:-0}" 'BEGIN {
    if (s <= 0) s = 0.01;
    ratio = (ref > 0) ? sprintf("%.1fx", n / s / ref) : "-";
    printf "| %s | %s | %.2f | %.0f | %.1f | %.0f | %s |\n", name, f, s, n / s, b / s / 1048576, kb / 1024, ratio }'
  rm -f "$log" "$log.err"
}

echo
echo "Machine: $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB RAM, $(java -version 2>&1 | head -1), $(tshark --version 2>/dev/null | head -1)"
echo
echo "| tool | capture | seconds | packets/s | MB/s | peak RSS MB | packets/s vs tshark -2 |"
echo "|---|---|---|---|---|---|---|"
for s in $scales; do
  f="$out/big-${s}x.pcap"
  full=no
  case " $full_scales " in *" $s "*) full=yes ;; esac
  if [ "$full" = yes ] && command -v tshark >/dev/null; then
    measure "tshark -2 -z expert" "$f" tshark -2 -n -r "$f" -q -z expert
    TSHARK_PPS=$(awk -v n="$(cat "$f.count")" -v s="$LAST_SECS" 'BEGIN { print (s > 0 ? n / s : 0) }')
  fi
  export TSHARK_PPS
  measure "ackwatch analyze" "$f" ./ackwatch analyze --format json --output /dev/null --progress never "$f"
  measure "ackwatch analyze -Xmx256m" "$f" env JAVA_OPTS=-Xmx256m ./ackwatch analyze --format json --output /dev/null --progress never "$f"
  [ "$full" = yes ] || continue
  command -v tcptrace >/dev/null && measure "tcptrace -n" "$f" tcptrace -n "$f"
  # as on a mirror port where nothing is printer traffic: every connection numbered and counted, none analysed
  measure "ackwatch analyze, no printer port" "$f" ./ackwatch analyze --printer-port 9999 --format json --output /dev/null --progress never "$f"
  measure "ackwatch read only" "$f" ./ackwatch analyze --no-analysis --format json --output /dev/null --progress never "$f"
  command -v tcpdump >/dev/null && measure "tcpdump -r -w /dev/null" "$f" tcpdump -r "$f" -w /dev/null
  measure "cat (sequential read)" "$f" cat "$f"
done

# Batch: how a folder of captures speeds up with more cores. The same command runs pinned to 1, 2, ... cores
# (taskset; the JVM sizes --jobs and its threads to the cores it may use), so the speed-up is that of adding
# cores, whatever ackwatch does with them (files in parallel, judging beside reading).
batch=$out/batch
if [ "${BENCH_BATCH:-yes}" = yes ] && command -v taskset >/dev/null; then
  mkdir -p "$batch"
  [ -f "$out/batch-part.pcap" ] && [ -f "$out/batch-part.pcap.count" ] \
    || java bench/MultiplyCapture.java "$out/batch-part.pcap" 500000 $inputs 2>/dev/null
  for i in 1 2 3 4; do ln -sf "../batch-part.pcap" "$batch/part-$i.pcap"; done
  echo $(( $(cat "$out/batch-part.pcap.count") * 4 )) >"$batch.count"
  echo
  echo "Batch of 4 files ($(cat "$batch.count") packets) on 1 to $(nproc) cores:"
  echo
  echo "| tool | capture | seconds | packets/s | MB/s | peak RSS MB | speed-up vs 1 core |"
  echo "|---|---|---|---|---|---|---|"
  TSHARK_PPS=0
  for c in $(seq 1 "$(nproc)"); do
    export TSHARK_PPS
    measure "ackwatch analyze on $c core(s)" "$batch" taskset -c "0-$((c - 1))" ./ackwatch analyze --format json --output /dev/null --progress never "$batch"
    if [ "$c" -eq 1 ]; then
      TSHARK_PPS=$(awk -v n="$(cat "$batch.count")" -v s="$LAST_SECS" 'BEGIN { print (s > 0 ? n / s : 0) }')
    fi
  done
fi
