#!/usr/bin/env bash
# How framescope's speed grows with threads: one table, --jobs 1..N, beside `wc -w` and a bare
# Rust loop that splits words and looks them up (examples/bare_loop), on a corpus it generates.
#
#   benches/scaling.sh                    # 18 MB corpus, --jobs 1 2 4 ... up to the cores
#   benches/scaling.sh --mb 180           # a larger corpus (the 16-core figures use 180)
#   benches/scaling.sh --jobs "1 2" --repeat 5
#   benches/scaling.sh --framescope PATH  # another build of framescope, on the same corpus
#
# Every run reads the same folder of text files (examples/news_corpus, seed 1) under
# benches/work/. Rows:
#   - framescope analyze, default outputs (every CSV, --evidence all), --pairs none --no-charts;
#   - the same with --evidence none (no matches.csv);
#   - from 8 cores, at the largest --jobs: default outputs with --read-threads 0 (no threads
#     reading files ahead, as below 8 cores);
#   - wc -w (one thread: it has no other way);
#   - bare_loop: split, lower-case, look up in a hash set of every lexicon term; and with
#     --stem, a Snowball stem per distinct word, cached: the floor of a stemming scorer.
# Each figure is the fastest of --repeat runs (default 3); CPU seconds (user + system) and peak
# memory come from GNU time. Other processes on the machine slow the wall times: the load average
# is printed with the table, and CPU seconds are the steadier measure. Needs GNU time at
# /usr/bin/time (Debian: apt-get install time). Not part of `cargo test`.
set -euo pipefail

cd "$(dirname "$0")/.."
ROOT=$PWD
WORK=$ROOT/benches/work
MB=18
REPEAT=3
JOBS=""
FRAMESCOPE=""

while [ $# -gt 0 ]; do
    case "$1" in
        --mb) MB=$2; shift 2 ;;
        --jobs) JOBS=$2; shift 2 ;;
        --repeat) REPEAT=$2; shift 2 ;;
        --framescope) FRAMESCOPE=$(realpath "$2"); shift 2 ;;
        -h|--help) sed -n '2,23p' "$0"; exit 0 ;;
        *) echo "scaling.sh: unknown option $1 (see --help)" >&2; exit 2 ;;
    esac
done

say() { echo "== $*" >&2; }
TIME=/usr/bin/time
if ! $TIME -v true >/dev/null 2>&1; then
    echo "scaling.sh: GNU time is needed at /usr/bin/time (Debian/Ubuntu: apt-get install time)" >&2
    exit 2
fi
CORES=$(nproc)
if [ -z "$JOBS" ]; then
    JOBS=1
    j=2
    while [ "$j" -lt "$CORES" ]; do JOBS="$JOBS $j"; j=$((j * 2)); done
    [ "$CORES" -gt 1 ] && JOBS="$JOBS $CORES"
fi

mkdir -p "$WORK"
say "building framescope, the corpus generator and the bare loop (release)"
cargo build --release --quiet --bin framescope --example news_corpus --example bare_loop
FRAMESCOPE=${FRAMESCOPE:-$ROOT/target/release/framescope}
LOOP=$ROOT/target/release/examples/bare_loop

CORPUS=$WORK/scaling-$MB
if [ "$(cat "$CORPUS/.done" 2>/dev/null | head -1)" != "$MB" ]; then
    say "generating a $MB MB corpus in ${CORPUS#"$ROOT"/}"
    rm -rf "$CORPUS"
    info=$("$ROOT/target/release/examples/news_corpus" --mb "$MB" --out "$CORPUS" --layouts folder)
    printf '%s\n%s\n' "$MB" "$info" > "$CORPUS/.done"
fi
# "4867 articles, 18000123 bytes (18.0 MB) of text in DIR"
read -r ARTICLES TEXT_MB < <(sed -n 2p "$CORPUS/.done" | awk '{print $1, $3 / 1e6}')
FOLDER=$CORPUS/folder
OUT=$WORK/scaling-out
LOAD_BEFORE=$(cut -d' ' -f1-3 /proc/loadavg)

# measure COMMAND...: "seconds cpu_seconds peak_kb" of the fastest of REPEAT runs. Outputs of the
# run before are removed and the page cache written back first: neither is part of the work.
measure() {
    local best="" best_cpu="" best_kb="" log=$WORK/scaling-time.log
    for _ in $(seq "$REPEAT"); do
        rm -rf "$OUT"
        sync
        local start end
        start=$(date +%s%N)
        if ! $TIME -v -o "$log" "$@" >/dev/null 2>"$WORK/scaling-stderr.log"; then
            # framescope exits 1 when some input had warnings; anything else is a failure.
            if ! grep -q "Exit status: 1" "$log"; then
                echo "scaling.sh: failed: $*" >&2; cat "$WORK/scaling-stderr.log" >&2; return 1
            fi
        fi
        end=$(date +%s%N)
        local wall cpu kb
        wall=$(awk -v a="$start" -v b="$end" 'BEGIN {printf "%.3f", (b - a) / 1e9}')
        cpu=$(awk -F': ' '/(User|System) time \(seconds\)/ {s += $2} END {print s}' "$log")
        kb=$(awk -F': ' '/Maximum resident set size/ {print $2}' "$log")
        if [ -z "$best" ] || awk -v a="$wall" -v b="$best" 'BEGIN {exit !(a < b)}'; then
            best=$wall; best_cpu=$cpu; best_kb=$kb
        fi
    done
    echo "$best $best_cpu $best_kb"
}

ROWS=()
# row JOBS NAME "SECONDS CPU KB"
row() { ROWS+=("$1|$2|$3"); }

wc_words() { find "$1" -name '*.txt' -print0 | xargs -0 wc -w; }
export -f wc_words
say "wc -w"
WC=$(measure bash -c 'wc_words "$0"' "$FOLDER")
row 1 "wc -w" "$WC"
for j in $JOBS; do
    say "--jobs $j"
    row "$j" "framescope, default outputs" \
        "$(measure "$FRAMESCOPE" analyze "$FOLDER" --out "$OUT" -q -j "$j" --pairs none --no-charts)"
    row "$j" "framescope, --evidence none" \
        "$(measure "$FRAMESCOPE" analyze "$FOLDER" --out "$OUT" -q -j "$j" --pairs none --no-charts --evidence none)"
    if [ "$j" = "${JOBS##* }" ] && [ "$CORES" -ge 8 ]; then
        # From 8 cores text files are read ahead on threads of their own; this row shows the
        # run without them.
        row "$j" "framescope, default outputs, --read-threads 0" \
            "$(measure "$FRAMESCOPE" analyze "$FOLDER" --out "$OUT" -q -j "$j" --pairs none --no-charts --read-threads 0)"
    fi
    row "$j" "bare loop: split and look up" "$(measure "$LOOP" "$FOLDER" --jobs "$j")"
    row "$j" "bare loop, cached stems" "$(measure "$LOOP" "$FOLDER" --jobs "$j" --stem)"
done

{
    echo "Corpus: $ARTICLES articles, $TEXT_MB MB of article text in text files (examples/news_corpus,"
    echo "seed 1). Machine: $CORES cores, $(awk -F': ' '/model name/ {print $2; exit}' /proc/cpuinfo);"
    echo "$(date -u +%Y-%m-%d); load average before the run $LOAD_BEFORE. Best of $REPEAT runs."
    echo "framescope: ${FRAMESCOPE#"$ROOT"/}"
    echo
    echo "| --jobs | tool | seconds | MB/s | CPU seconds | peak memory (MB) | speed / 1 thread | / wc -w |"
    echo "|---:|---|---:|---:|---:|---:|---:|---:|"
    read -r wc_s _ _ <<< "$WC"
    for r in "${ROWS[@]}"; do
        IFS='|' read -r j name measured <<< "$r"
        read -r s cpu kb <<< "$measured"
        base=$s
        for b in "${ROWS[@]}"; do
            IFS='|' read -r bj bname bm <<< "$b"
            if [ "$bj" = 1 ] && [ "$bname" = "$name" ]; then read -r base _ _ <<< "$bm"; fi
        done
        awk -v j="$j" -v n="$name" -v s="$s" -v c="$cpu" -v kb="$kb" -v mb="$TEXT_MB" -v b="$base" -v w="$wc_s" 'BEGIN {
            printf "| %s | %s | %.2f | %.1f | %.2f | %.0f | %.2fx | %.2fx |\n", j, n, s, mb / s, c, kb / 1024, b / s, w / s }'
    done
} | tee "$WORK/scaling.md"
