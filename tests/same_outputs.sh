#!/usr/bin/env bash
# Checks that a change of structure changed no output: builds a reference revision and the working
# tree, runs both on the same inputs and compares every file they write, byte for byte.
#
#   tests/same_outputs.sh            # reference: HEAD
#   tests/same_outputs.sh REV        # reference: any git revision
#   tests/same_outputs.sh --reference-bin PATH   # reference: a framescope binary built before
#
# Inputs: the shipped examples (default run, grouped by folder with SVG charts, `compare` of the
# folder again, article pairs), a 2 MB generated news corpus in three layouts (folder, CSV, JSONL;
# one thread and all; `--evidence 5 --excel --delimiter ';'`), a folder of awkward inputs (HTML,
# UTF-16, a binary file, duplicate ids, a semicolon CSV), `explain` and `lexicon list`.
# `run.json` is compared without the fields that change from run to run (run_id, started_at,
# seconds) and fields the reference lacks (new typed fields may be added); stdout and stderr are
# compared with the closing timing line removed. Exits 1 and prints the first differences when
# anything differs. Work files go to target/same-outputs/ (ignored by git).
set -euo pipefail

cd "$(dirname "$0")/.."
ROOT=$PWD
WORK=$ROOT/target/same-outputs
say() { echo "== $*" >&2; }
mkdir -p "$WORK"

if [ "${1:-}" = --reference-bin ]; then
    REF_BIN=$(realpath "$2")
    REV=$REF_BIN
else
    REV=${1:-HEAD}
    REF_SRC=$WORK/reference-src
    say "building the reference ($REV) in ${REF_SRC#"$ROOT"/}"
    rm -rf "$REF_SRC"
    mkdir -p "$REF_SRC"
    git archive "$REV" | tar -x -C "$REF_SRC"
    (cd "$REF_SRC" && CARGO_TARGET_DIR=$WORK/reference-target cargo build --release --quiet --bin framescope)
    REF_BIN=$WORK/reference-target/release/framescope
fi

say "building the working tree"
cargo build --release --quiet --bin framescope --example news_corpus
NEW_BIN=$ROOT/target/release/framescope
GENERATE=$ROOT/target/release/examples/news_corpus

INPUTS=$WORK/inputs
if [ ! -f "$INPUTS/.done" ]; then
    say "making the inputs"
    rm -rf "$INPUTS"
    mkdir -p "$INPUTS/odd/outlet-a" "$INPUTS/odd/outlet-b"
    "$GENERATE" --mb 2 --out "$INPUTS/corpus" --layouts folder,csv,jsonl >/dev/null
    printf '<html><body><p>The talks brought <b>hope</b> of peace.</p><script>var x;</script><p>Officials said the crisis deepened.</p></body></html>' \
        > "$INPUTS/odd/outlet-a/markup.html.txt"
    printf 'Aid convoys reached the city. Hope returned, officials said.\n' | iconv -f UTF-8 -t UTF-16 \
        > "$INPUTS/odd/outlet-a/wide.txt"
    head -c 3000 /dev/urandom > "$INPUTS/odd/outlet-b/noise.txt" 2>/dev/null || printf '\x00\x01\x02' > "$INPUTS/odd/outlet-b/noise.txt"
    printf 'The strike threatens jobs. Workers fear the costs.\nNo agreement was reached, but talks go on.\n' \
        > "$INPUTS/odd/outlet-b/strike.txt"
    printf 'id;outlet;text\n1;a;"Violence flared; hope faded."\n1;b;"Diplomats hailed a breakthrough."\n2;a;"Prices rose sharply."\n' \
        > "$INPUTS/semicolon.csv"
    touch "$INPUTS/.done"
fi
# The random bytes are made once per work folder, so both binaries read the same file.

# run_both NAME ARGS...: runs both binaries, each in a folder of its own, with ARGS; OUT in ARGS
# becomes that folder's output path and SIDE the side (reference or current).
SCENARIOS=()
run_both() {
    local name=$1
    shift
    SCENARIOS+=("$name")
    local side bin dir
    for side in reference current; do
        if [ "$side" = reference ]; then bin=$REF_BIN; else bin=$NEW_BIN; fi
        dir=$WORK/runs/$side/$name
        rm -rf "$dir"
        mkdir -p "$dir"
        local args=()
        local a
        for a in "$@"; do a=${a//SIDE/$side}; args+=("${a//OUT/$dir/out}"); done
        set +e
        (cd "$ROOT" && NO_COLOR=1 COLUMNS=100 "$bin" "${args[@]}" >"$dir/stdout" 2>"$dir/stderr" </dev/null)
        echo $? >"$dir/exit"
        set -e
        # The closing line names the seconds taken.
        sed -i -E 's/in [0-9.]+ s \([0-9.]+ MB\/s, [0-9]+ articles\/s\)/in S/' "$dir/stderr"
        sed -i -E "s#$dir#DIR#g" "$dir/stdout" "$dir/stderr"
        if [ -f "$dir/out/run.json" ]; then sed -i -E "s#$WORK/runs/$side#RUNS#g" "$dir/out/run.json"; fi
    done
}

say "running both"
run_both examples analyze examples/articles --out OUT
run_both examples-grouped analyze examples/articles --out OUT --group-by folder --chart-format svg
run_both examples-articles analyze examples/articles --out OUT --pairs articles --bootstrap 500
run_both compare-again compare "$WORK/runs/SIDE/examples/out" --out OUT --pairs groups
run_both corpus-folder analyze "$INPUTS/corpus/folder" --out OUT
run_both corpus-csv-1 analyze "$INPUTS/corpus/corpus.csv" --out OUT --jobs 1 --no-charts
run_both corpus-jsonl analyze "$INPUTS/corpus/corpus.jsonl" --out OUT --evidence 5 --excel --delimiter ';'
run_both odd analyze "$INPUTS/odd" "$INPUTS/semicolon.csv" --out OUT
run_both explain explain examples/articles/global-wire/state-visit.txt --color never
run_both lexicons lexicon list

say "comparing"
status=0
for name in "${SCENARIOS[@]}"; do
    ref=$WORK/runs/reference/$name
    cur=$WORK/runs/current/$name
    if ! python3 - "$ref" "$cur" <<'PY'; then status=1; fi
import json, os, sys
ref, cur = sys.argv[1], sys.argv[2]
volatile = {"run_id", "started_at", "seconds"}
def files(top):
    out = set()
    for d, _, names in os.walk(top):
        for n in names:
            out.add(os.path.relpath(os.path.join(d, n), top))
    return out
def strip(ref_value, cur_value):
    """cur_value without the keys ref_value lacks, recursively, and without volatile keys."""
    if isinstance(ref_value, dict) and isinstance(cur_value, dict):
        return {k: strip(ref_value[k], v) for k, v in cur_value.items() if k in ref_value and k not in volatile}
    if isinstance(ref_value, list) and isinstance(cur_value, list) and len(ref_value) == len(cur_value):
        return [strip(r, c) for r, c in zip(ref_value, cur_value)]
    return cur_value
def drop_volatile(v):
    if isinstance(v, dict):
        return {k: drop_volatile(x) for k, x in v.items() if k not in volatile}
    if isinstance(v, list):
        return [drop_volatile(x) for x in v]
    return v
bad = []
a, b = files(ref), files(cur)
for missing in sorted(a - b):
    bad.append(f"only in the reference: {missing}")
for extra in sorted(b - a):
    bad.append(f"only in the current run: {extra}")
for rel in sorted(a & b):
    x = open(os.path.join(ref, rel), "rb").read()
    y = open(os.path.join(cur, rel), "rb").read()
    if rel.endswith("run.json"):
        rx, ry = json.loads(x), json.loads(y)
        if drop_volatile(rx) != strip(rx, ry):
            bad.append(f"{rel}: differs in a field both versions write")
    elif x != y:
        bad.append(f"{rel}: {len(x)} bytes against {len(y)}")
name = os.path.basename(ref)
if bad:
    print(f"DIFFERENT {name}:")
    for line in bad[:20]:
        print(f"  {line}")
    sys.exit(1)
print(f"same      {name} ({len(a)} files)")
PY
done
if [ $status -ne 0 ]; then
    echo "same_outputs: outputs differ from $REV (runs kept in ${WORK#"$ROOT"/}/runs)" >&2
fi
exit $status
