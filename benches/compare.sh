#!/usr/bin/env bash
# framescope beside the tools people use today, measured in one run on the same files.
#
#   benches/compare.sh                 # 18 MB corpus, peers, scaling 1x 4x 16x
#   benches/compare.sh --big 500       # ... and a 500 MB run with flat memory
#   benches/compare.sh --mb 4 --scaling "1 2" --skip-peers   # a quick look
#
# Builds the release binary and the corpus generator (examples/news_corpus), generates a
# deterministic news-like corpus in three layouts (folder, CSV, JSONL) under benches/work/, and
# times with /usr/bin/time -v:
#   - framescope analyze (all shipped lexicons, default evidence) on each layout, 1 core and all;
#   - wc -w on the same files: the speed of just reading and splitting words;
#   - vaderSentiment (Python, installed by pip into a virtualenv in benches/work/) scoring each
#     article of the JSONL file;
#   - the Rust crate vader_sentiment (built from crates.io in a scratch project in benches/work/),
#     if it builds.
# Each timing is the fastest of --repeat runs (peers, which take minutes, run once); peak memory is
# the maximum resident set size of that run. Results go to stdout and benches/work/results.md.
# Needs network access only to the package registries (pip, crates.io). Not part of `cargo test`.
set -euo pipefail

cd "$(dirname "$0")/.."
ROOT=$PWD
WORK=$ROOT/benches/work
MB=18
SCALING="1 4 16"
BIG=""
REPEAT=3
PEERS=1

while [ $# -gt 0 ]; do
    case "$1" in
        --mb) MB=$2; shift 2 ;;
        --scaling) SCALING=$2; shift 2 ;;
        --big) BIG=$2; shift 2 ;;
        --repeat) REPEAT=$2; shift 2 ;;
        --skip-peers) PEERS=0; shift ;;
        -h|--help) sed -n '2,22p' "$0"; exit 0 ;;
        *) echo "compare.sh: unknown option $1 (see --help)" >&2; exit 2 ;;
    esac
done

say() { echo "== $*" >&2; }

TIME=/usr/bin/time
if ! $TIME -v true >/dev/null 2>&1; then
    echo "compare.sh: GNU time is needed at /usr/bin/time (Debian/Ubuntu: apt-get install time)" >&2
    exit 2
fi

mkdir -p "$WORK"
LOAD_BEFORE=$(cut -d' ' -f1-3 /proc/loadavg)
say "building framescope and the corpus generator (release)"
cargo build --release --quiet --bin framescope --example news_corpus
FRAMESCOPE=$ROOT/target/release/framescope
GENERATE=$ROOT/target/release/examples/news_corpus
CORES=$(nproc)

# Charts, when this version draws them, are not part of the measure.
CHART_FLAGS=()
if "$FRAMESCOPE" analyze --help | grep -q -- '--no-charts'; then
    CHART_FLAGS=(--no-charts)
fi

# corpus DIR MB LAYOUTS: generates a corpus once (DIR/.done records what is there) and prints
# its article count and MB of article text, as the generator counted them.
corpus() {
    local dir=$1 mb=$2 layouts=$3
    if [ "$(head -1 "$dir/.done" 2>/dev/null)" != "$mb $layouts" ]; then
        say "generating $mb MB corpus ($layouts) in ${dir#"$ROOT"/}"
        rm -f "$dir/.done"
        local info
        info=$("$GENERATE" --mb "$mb" --out "$dir" --layouts "$layouts")
        printf '%s\n%s\n' "$mb $layouts" "$info" > "$dir/.done"
    fi
    # "4867 articles, 18000123 bytes (18.0 MB) of text in DIR"
    sed -n 2p "$dir/.done" | awk '{print $1, $3 / 1e6}'
}

# measure REPEATS COMMAND...: prints "seconds peak_kb cpu_seconds" of the fastest run. The wall
# time is taken here to the millisecond (GNU time rounds to 10 ms); peak memory and CPU time
# (user + system) come from GNU time.
measure() {
    local repeats=$1; shift
    local best="" best_kb="" best_cpu="" log=$WORK/time.log
    for _ in $(seq "$repeats"); do
        # Outputs of the previous run are removed first: replacing them is not part of the work.
        # Nor is writing back what earlier runs or the corpus generator left in the page cache.
        rm -rf "$OUT"
        sync
        local start end
        start=$(date +%s%N)
        if ! $TIME -v -o "$log" "$@" >/dev/null 2>"$WORK/stderr.log"; then
            # framescope exits 1 when some input had warnings; anything else is a failure.
            if ! grep -q "Exit status: 1" "$log" || [ "$1" != "$FRAMESCOPE" ]; then
                echo "compare.sh: failed: $*" >&2; cat "$WORK/stderr.log" >&2; return 1
            fi
        fi
        end=$(date +%s%N)
        local wall kb cpu
        wall=$(awk -v a="$start" -v b="$end" 'BEGIN {printf "%.3f", (b - a) / 1e9}')
        kb=$(awk -F': ' '/Maximum resident set size/ {print $2}' "$log")
        cpu=$(awk -F': ' '/(User|System) time \(seconds\)/ {s += $2} END {print s}' "$log")
        if [ -z "$best" ] || awk -v a="$wall" -v b="$best" 'BEGIN {exit !(a < b)}'; then
            best=$wall; best_kb=$kb; best_cpu=$cpu
        fi
    done
    echo "$best $best_kb $best_cpu"
}

RESULTS=()
# row NAME LAYOUT ARTICLES MB "SECONDS KB CPU"
row() {
    local name=$1 layout=$2 articles=$3 mb=$4 seconds kb cpu
    read -r seconds kb cpu <<< "$5"
    RESULTS+=("$name|$layout|$seconds|$mb|$articles|$kb|$cpu")
}

wc_folder() { find "$1" -name '*.txt' -print0 | xargs -0 wc -w; }

main_dir=$WORK/corpus-$MB
read -r ARTICLES TEXT_MB < <(corpus "$main_dir" "$MB" folder,csv,jsonl)
say "corpus: $ARTICLES articles, $TEXT_MB MB of text; $CORES cores"

OUT=$WORK/out
for layout in folder corpus.csv corpus.jsonl; do
    input=$main_dir/$layout
    say "framescope on $layout"
    row "framescope, 1 core" "$layout" "$ARTICLES" "$TEXT_MB" \
        "$(measure "$REPEAT" "$FRAMESCOPE" analyze "$input" --out "$OUT" -q -j 1 "${CHART_FLAGS[@]}")"
    row "framescope, $CORES cores" "$layout" "$ARTICLES" "$TEXT_MB" \
        "$(measure "$REPEAT" "$FRAMESCOPE" analyze "$input" --out "$OUT" -q "${CHART_FLAGS[@]}")"
    say "wc -w on $layout"
    if [ "$layout" = folder ]; then
        export -f wc_folder
        row "wc -w" "$layout" "$ARTICLES" "$TEXT_MB" "$(measure "$REPEAT" bash -c 'wc_folder "$0"' "$input")"
    else
        row "wc -w" "$layout" "$ARTICLES" "$TEXT_MB" "$(measure "$REPEAT" wc -w "$input")"
    fi
done
say "framescope with --evidence none on folder (the cost of the evidence trail)"
row "framescope, $CORES cores, --evidence none" folder "$ARTICLES" "$TEXT_MB" \
    "$(measure "$REPEAT" "$FRAMESCOPE" analyze "$main_dir/folder" --out "$OUT" -q --evidence none "${CHART_FLAGS[@]}")"
if "$FRAMESCOPE" analyze --help | grep -q -- '--pairs'; then
    say "framescope with --evidence none --pairs none on folder (scores, sentences and frames only)"
    row "framescope, $CORES cores, --evidence none --pairs none" folder "$ARTICLES" "$TEXT_MB" \
        "$(measure "$REPEAT" "$FRAMESCOPE" analyze "$main_dir/folder" --out "$OUT" -q --evidence none --pairs none "${CHART_FLAGS[@]}")"
fi

PEER_NOTES=()
if [ "$PEERS" = 1 ]; then
    say "vaderSentiment (Python) in a virtualenv"
    if [ ! -x "$WORK/venv/bin/python" ]; then
        python3 -m venv "$WORK/venv"
    fi
    if "$WORK/venv/bin/python" -c 'import vaderSentiment' 2>/dev/null \
        || "$WORK/venv/bin/pip" install --quiet vaderSentiment >&2; then
        row "vaderSentiment (Python)" corpus.jsonl "$ARTICLES" "$TEXT_MB" \
            "$(measure 1 "$WORK/venv/bin/python" "$ROOT/benches/peers/vader_py.py" "$main_dir/corpus.jsonl")"
    else
        PEER_NOTES+=("vaderSentiment could not be installed with pip; its row is missing.")
    fi

    say "vader_sentiment (Rust crate) in a scratch project"
    scratch=$WORK/vader-rs
    mkdir -p "$scratch/src"
    cp "$ROOT/benches/peers/vader_rs.rs" "$scratch/src/main.rs"
    cat > "$scratch/Cargo.toml" <<'TOML'
[package]
name = "vader-rs-peer"
version = "0.1.0"
edition = "2021"
publish = false

[dependencies]
vader_sentiment = "0.1"
serde_json = "1"

# Its own workspace: not part of the framescope package around it.
[workspace]
TOML
    if cargo build --release --quiet --manifest-path "$scratch/Cargo.toml" >&2 2>"$WORK/vader-rs.log"; then
        row "vader_sentiment (Rust crate)" corpus.jsonl "$ARTICLES" "$TEXT_MB" \
            "$(measure 1 "$scratch/target/release/vader-rs-peer" "$main_dir/corpus.jsonl")"
    else
        PEER_NOTES+=("the vader_sentiment crate did not build (see benches/work/vader-rs.log); its row is missing.")
    fi
fi

# Scaling: the default run, and (when this version compares articles or groups) the same run
# without comparisons, whose memory is that of the streaming pipeline alone. Runs longer than
# the 1x corpus are timed once.
VARIANTS=("default")
if "$FRAMESCOPE" analyze --help | grep -q -- '--pairs'; then
    VARIANTS+=("--pairs none")
fi
SCALE_ROWS=()
scale_run() { # LABEL VARIANT REPEATS CORPUS ARTICLES MB [FLAGS...]
    local label=$1 variant=$2 repeats=$3 input=$4 n=$5 tmb=$6 s kb cpu
    shift 6
    local extra=()
    [ "$variant" = default ] || read -r -a extra <<< "$variant"
    read -r s kb cpu <<< "$(measure "$repeats" "$FRAMESCOPE" analyze "$input" --out "$OUT" "${CHART_FLAGS[@]}" "${extra[@]+"${extra[@]}"}" "$@")"
    SCALE_ROWS+=("$variant|$label|$tmb|$n|$s|$kb|$cpu")
}
for factor in $SCALING; do
    mb=$(awk -v m="$MB" -v f="$factor" 'BEGIN {print m * f}')
    dir=$WORK/corpus-$mb
    if [ "$dir" = "$main_dir" ]; then
        read -r n tmb < <(corpus "$dir" "$MB" folder,csv,jsonl)
    else
        read -r n tmb < <(corpus "$dir" "$mb" jsonl)
    fi
    repeats=$REPEAT
    [ "$factor" = 1 ] || repeats=1
    for variant in "${VARIANTS[@]}"; do
        say "scaling: framescope on $mb MB (JSONL, $CORES cores, $variant)"
        scale_run "${factor}x" "$variant" "$repeats" "$dir/corpus.jsonl" "$n" "$tmb" -q
    done
done

if [ -n "$BIG" ]; then
    dir=$WORK/corpus-$BIG
    read -r n tmb < <(corpus "$dir" "$BIG" jsonl)
    for variant in "${VARIANTS[@]}"; do
        say "big run: framescope on $BIG MB (JSONL, $CORES cores, $variant; a progress bar on a terminal)"
        OUT_SAVED=$OUT
        OUT=$WORK/out-big
        # Not quiet: on a terminal the progress bar shows while it runs.
        scale_run "$BIG MB" "$variant" 1 "$dir/corpus.jsonl" "$n" "$tmb"
        OUT=$OUT_SAVED
    done
fi

# The report.
{
    echo "Corpus: $ARTICLES articles, $TEXT_MB MB of article text (examples/news_corpus, seed 1)."
    echo "Machine: $CORES cores, $(awk -F': ' '/model name/ {print $2; exit}' /proc/cpuinfo);" \
        "$(date -u +%Y-%m-%d). Best of $REPEAT runs (peers: 1 run)."
    echo "Load average before the run: $LOAD_BEFORE (other processes compete for the cores when it is"
    echo "above 0; CPU seconds, user + system, are less sensitive to that than wall seconds)."
    echo
    echo "| tool | input | seconds | MB/s | articles/s | CPU seconds | MB per CPU second | peak RSS (MB) |"
    echo "|---|---|---:|---:|---:|---:|---:|---:|"
    for r in "${RESULTS[@]}"; do
        IFS='|' read -r name layout s mb n kb cpu <<< "$r"
        awk -v name="$name" -v layout="$layout" -v s="$s" -v mb="$mb" -v n="$n" -v kb="$kb" -v c="$cpu" 'BEGIN {
            per_cpu = c >= 0.05 ? sprintf("%.1f", mb / c) : "-"
            printf "| %s | %s | %.2f | %.1f | %.0f | %.2f | %s | %.0f |\n", name, layout, s, mb / s, n / s, c, per_cpu, kb / 1024 }'
    done
    echo
    echo "Ratios of throughput (framescope with $CORES cores / the other tool, same input):"
    echo
    lookup() { # NAME LAYOUT -> seconds
        for r in "${RESULTS[@]}"; do
            IFS='|' read -r name layout s _ <<< "$r"
            if [ "$name" = "$1" ] && [ "$layout" = "$2" ]; then echo "$s"; return; fi
        done
    }
    fs_json=$(lookup "framescope, $CORES cores" corpus.jsonl)
    fs_folder=$(lookup "framescope, $CORES cores" folder)
    ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (a == "" || b == "") print "n/a"; else printf "%.2fx", b / a }'; }
    echo "- framescope / vaderSentiment (Python), JSONL: $(ratio "$fs_json" "$(lookup 'vaderSentiment (Python)' corpus.jsonl)")"
    echo "- framescope / vader_sentiment (Rust crate), JSONL: $(ratio "$fs_json" "$(lookup 'vader_sentiment (Rust crate)' corpus.jsonl)")"
    echo "- framescope / wc -w, folder: $(ratio "$fs_folder" "$(lookup 'wc -w' folder)")"
    echo "- framescope / wc -w, JSONL: $(ratio "$fs_json" "$(lookup 'wc -w' corpus.jsonl)")"
    for note in "${PEER_NOTES[@]+"${PEER_NOTES[@]}"}"; do echo "- $note"; done
    echo
    echo "Scaling (framescope, JSONL, $CORES cores; ratios to the 1x run of the same settings):"
    echo
    echo "| settings | corpus | MB of text | articles | seconds | MB/s | CPU seconds | time / 1x | peak RSS (MB) | RSS / 1x |"
    echo "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|"
    for variant in "${VARIANTS[@]}"; do
        base="" base_kb=""
        for r in "${SCALE_ROWS[@]+"${SCALE_ROWS[@]}"}"; do
            IFS='|' read -r v label tmb n s kb cpu <<< "$r"
            [ "$v" = "$variant" ] || continue
            [ -z "$base" ] && base=$s && base_kb=$kb
            awk -v v="$v" -v l="$label" -v mb="$tmb" -v n="$n" -v s="$s" -v kb="$kb" -v c="$cpu" -v b="$base" -v bk="$base_kb" 'BEGIN {
                printf "| %s | %s | %.0f | %d | %.2f | %.1f | %.2f | %.2f | %.0f | %.2f |\n", v, l, mb, n, s, mb / s, c, s / b, kb / 1024, kb / bk }'
        done
    done
} | tee "$WORK/results.md"
