"""Peer of the benchmark: vaderSentiment scoring every article of a JSONL corpus.

Reads the JSONL file given as the only argument, scores each article's text with
SentimentIntensityAnalyzer.polarity_scores (the whole text at once), and writes
`id,compound` per article to stdout. Run by benches/compare.sh in its own virtualenv.
"""

import csv
import json
import sys

from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer


def main() -> None:
    analyzer = SentimentIntensityAnalyzer()
    out = csv.writer(sys.stdout)
    out.writerow(["id", "compound"])
    with open(sys.argv[1], encoding="utf-8") as lines:
        for line in lines:
            if not line.strip():
                continue
            record = json.loads(line)
            scores = analyzer.polarity_scores(record["text"])
            out.writerow([record["id"], f"{scores['compound']:.4f}"])


if __name__ == "__main__":
    main()
