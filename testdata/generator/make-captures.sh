#!/bin/sh
# Re-makes every testdata capture, makes them a second time in a scratch directory, and checks both runs with
# tshark (check.py): every sidecar connection exists, the seed pattern holds, and the sidecar-relevant facts are
# the same in both runs. Run as root from anywhere: testdata/generator/make-captures.sh [SCENARIO ...]
set -eu
here=$(cd "$(dirname "$0")" && pwd)
testdata=$(dirname "$here")
py=${PYTHON:-python3}
for tool in ip nft tcpdump tshark taskset nmap; do
    command -v "$tool" >/dev/null || { echo "missing $tool (apt-get install -y iproute2 nftables tcpdump tshark nmap)"; exit 2; }
done
scratch=$(mktemp -d /tmp/aw-testdata.XXXXXX)
trap 'rm -rf "$scratch"' EXIT INT TERM
"$py" "$here/generate.py" --out "$testdata" "$@"
"$py" "$here/generate.py" --out "$scratch" "$@"
"$py" "$here/check.py" --compare "$testdata" "$scratch"
