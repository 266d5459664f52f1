#!/usr/bin/env bash
# Measures framescope against the human-coded development sets in ../shared/data, when that folder
# is present (it is not part of the project; without it this script says so and exits 0):
#   - tone: Pearson r of the tone score with the mean human rating, item by item, on three sets
#     rated for Hutto & Gilbert (2014), beside the reference figures published for them;
#   - news frames: ROC AUC of each `generic` category against the human code of that frame.
# Every figure comes from `framescope validate`; the table marks each against its target and the
# script exits 1 when a target is missed.
#
# Usage: tests/eval/run.sh            (from anywhere; builds the release binary first)
#        SHARED=/path/to/shared tests/eval/run.sh
set -euo pipefail

root=$(cd "$(dirname "$0")/../.." && pwd)
shared=${SHARED:-$root/../shared}
tone_dir=$shared/data/tone
frames=$shared/data/frames/climate_frames_dev.csv
if [[ ! -d $tone_dir || ! -f $frames ]]; then
  echo "evaluation skipped: the development sets are not at $shared/data (set SHARED to their folder)"
  exit 0
fi

cargo build --release --quiet --manifest-path "$root/Cargo.toml"
bin=${CARGO_TARGET_DIR:-$root/target}/release/framescope
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
missed=0

# field FILE ROW COLUMN: the value of COLUMN in data row ROW (from 1) of a validation.csv.
field() {
  awk -F, -v row="$2" -v col="$3" 'NR == 1 { for (i = 1; i <= NF; i++) if ($i == col) c = i; next }
                                   NR == row + 1 { print $c }' "$1"
}

# judge VALUE TARGET: sets `verdict` to "met" or "MISSED" and remembers a miss (no subshell, so
# that `missed` survives).
judge() {
  if awk -v v="$1" -v t="$2" 'BEGIN { exit !(v + 0 >= t + 0) }'; then verdict=met; else verdict=MISSED; missed=1; fi
}

echo "Tone: Pearson r of the tone score with the mean human rating (whole item scored as one text)"
printf '  %-15s %6s  %-22s %6s %6s %10s  %-22s\n' set n "framescope [95% CI]" VADER AFINN "one human" "target"
# set file, VADER 3.3.2, AFINN, one human rater vs the mean (Hutto & Gilbert 2014; ../shared/README.md), target
while read -r name file vader afinn human target; do
  "$bin" validate "$tone_dir/$file" --no-header --no-quoting --id-col 1 --text-col 3 \
    --gold "$tone_dir/$file" --gold-no-header --gold-no-quoting --gold-col 2=tone \
    --lexicon-dir "$root/lexicons" --out "$work/$name" --quiet > /dev/null
  csv=$work/$name/validation.csv
  r=$(field "$csv" 1 pearson_r)
  judge "$r" "$target"
  ci="[$(printf '%.3f' "$(field "$csv" 1 pearson_low)"), $(printf '%.3f' "$(field "$csv" 1 pearson_high)")]"
  printf '  %-15s %6s  %-22s %6s %6s %10s  >= %.3f %s\n' "${name//_/ }" "$(field "$csv" 1 n)" "$(printf '%.3f' "$r") $ci" \
    "$vader" "$afinn" "$human" "$target" "$verdict"
done <<'SETS'
tweets tweets.tsv 0.872 0.733 0.874 0.772
movie_reviews movie_reviews.tsv 0.427 0.411 0.902 0.427
amazon_reviews amazon_reviews.tsv 0.590 0.502 0.911 0.590
SETS
echo "  targets: at least VADER's r on movie and Amazon reviews, within 0.1 of it on tweets"

echo
echo "News frames: ROC AUC of each generic category's rate (per 1,000 tokens) against the human code"
echo "($(basename "$frames"): frames after Semetko & Valkenburg 2000, coded as in Frermann et al. 2023)"
pairs=(conflict=generic.conflict economic=generic.economic human_interest=generic.human_interest
       moral=generic.morality resolution=generic.responsibility)
args=()
for p in "${pairs[@]}"; do args+=(--gold-col "$p"); done
"$bin" validate "$frames" --gold "$frames" "${args[@]}" --lexicon-dir "$root/lexicons" \
  --out "$work/frames" --quiet > /dev/null
csv=$work/frames/validation.csv
printf '  %-15s %-24s %4s %4s  %-22s %5s  %s\n' frame category n pos "AUC [95% CI]" "F1*" target
for i in "${!pairs[@]}"; do
  row=$((i + 1))
  auc=$(field "$csv" $row auc)
  judge "$auc" 0.75
  printf '  %-15s %-24s %4s %4s  %-22s %5s  >= 0.75 %s\n' "$(field "$csv" $row gold_column)" "$(field "$csv" $row score)" \
    "$(field "$csv" $row n)" "$(field "$csv" $row positives)" \
    "$(printf '%.3f [%.3f, %.3f]' "$auc" "$(field "$csv" $row auc_low)" "$(field "$csv" $row auc_high)")" \
    "$(printf '%.3f' "$(field "$csv" $row f1)")" "$verdict"
done
echo "  * F1 at the best threshold for these data (optimistic: fitted on the set it is judged on)"
exit $missed
