#!/usr/bin/python3
"""Offline reference for the learning benchmark: scikit-learn TF-IDF + logistic regression.

A measurement script only (not part of the extension). It trains scikit-learn's TfidfVectorizer +
LogisticRegression on exactly the rows the online learner learns from in test/bench/learn.ts, and tests
on the same held-out tail, so the two can be compared row for row:

  - for each seed, learn.ts is asked for its split (`--write-split`: the CSV parsed and shuffled by the
    same code as the benchmark, written as JSON lines to a temporary file); nothing here re-implements
    the CSV parsing or the shuffle, so the rows and their order are the benchmark's own;
  - at each checkpoint N, every configuration is fitted on the first N stream rows and scored on the
    holdout: accuracy, and the largest coverage a confidence threshold (max predict_proba) can reach
    with precision >= 0.95 (as learn.ts's "cov@prec.95");
  - figures are printed per seed, then as mean and standard deviation over the seeds.

learn.ts --baseline runs this script itself on its split (`--split <jsonl> --json`) and prints the
default configuration and the best of them beside the online learner. "Best" is chosen on the holdout
itself, so it is an optimistic reference.

Usage (from the repository root; Debian's python3-sklearn, hence /usr/bin/python3):

  /usr/bin/python3 test/bench/offline-reference.py \\
      --file ../shared/datasets/it_service_all_tickets_processed_improved_v3.csv \\
      --text Document --label Topic_group [--seeds 1,2,3,4,5] [--holdout 800] \\
      [--checkpoints 200,1000,3000]
  /usr/bin/python3 test/bench/offline-reference.py --split /tmp/split.jsonl --json   # one given split
"""

import argparse
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile

import sklearn
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import FeatureUnion, make_pipeline
from sklearn.preprocessing import Normalizer


def learner_features():
    """The online learner's feature set (lib/learner/features.ts) in scikit-learn terms: words, word
    pairs (weight 0.5) and character 3-5-grams within words (0.25), sublinear TF-IDF, one L2 norm."""
    part = {"sublinear_tf": True, "norm": None}
    return make_pipeline(
        FeatureUnion(
            [
                ("words", TfidfVectorizer(token_pattern=r"(?u)\b\w+\b", **part)),
                ("pairs", TfidfVectorizer(token_pattern=r"(?u)\b\w+\b", ngram_range=(2, 2), **part)),
                ("grams", TfidfVectorizer(analyzer="char_wb", ngram_range=(3, 5), **part)),
            ],
            transformer_weights={"words": 1, "pairs": 0.5, "grams": 0.25},
        ),
        Normalizer(),
    )


# name -> (vectorizer factory, logistic regression arguments). The first is the wording
# ("TF-IDF + logistic regression"): scikit-learn's defaults (word unigrams, C = 1, L2).
CONFIGS = {
    "default (1-grams, C=1)": (TfidfVectorizer, {}),
    "1-grams, C=10": (TfidfVectorizer, {"C": 10}),
    "sublinear 1-grams, C=10": (lambda: TfidfVectorizer(sublinear_tf=True), {"C": 10}),
    "1-2-grams, C=1": (lambda: TfidfVectorizer(ngram_range=(1, 2)), {}),
    "sublinear 1-2-grams, C=10": (lambda: TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True), {"C": 10}),
    "sublinear 1-2-grams, C=10, balanced": (
        lambda: TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True),
        {"C": 10, "class_weight": "balanced"},
    ),
    "learner's features, C=10": (learner_features, {"C": 10}),
}


def coverage_at_precision(confidences, correct, target=0.95):
    """Largest share of rows a confidence threshold can keep with precision >= target."""
    order = sorted(range(len(correct)), key=lambda i: -confidences[i])
    hits = 0
    best = 0
    for rank, i in enumerate(order, start=1):
        hits += 1 if correct[i] else 0
        if hits / rank >= target:
            best = rank
    return best / len(correct)


def read_split(path):
    with open(path, encoding="utf-8") as f:
        rows = [json.loads(line) for line in f]
    return [r for r in rows if r["part"] == "stream"], [r for r in rows if r["part"] == "holdout"]


def split_for(args, seed):
    """The benchmark's own split for this seed, via learn.ts --write-split."""
    if args.split:
        return read_split(args.split)
    with tempfile.NamedTemporaryFile(suffix=".jsonl", delete=False) as tmp:
        path = tmp.name
    try:
        subprocess.run(
            [
                "npx", "tsx", "test/bench/learn.ts",
                "--file", args.file, "--text", args.text, "--label", args.label,
                "--seed", str(seed), "--holdout", str(args.holdout), "--write-split", path,
            ],
            check=True,
            stdout=subprocess.DEVNULL,
        )
        return read_split(path)
    finally:
        os.unlink(path)


def evaluate(train, test, make_vectorizer, lr_args):
    vectorizer = make_vectorizer()
    x_train = vectorizer.fit_transform([r["text"] for r in train])
    model = LogisticRegression(max_iter=2000, **lr_args)
    model.fit(x_train, [r["label"] for r in train])
    proba = model.predict_proba(vectorizer.transform([r["text"] for r in test]))
    best = proba.argmax(axis=1)
    predicted = model.classes_[best]
    correct = [p == r["label"] for p, r in zip(predicted, test)]
    confidences = proba.max(axis=1).tolist()
    return sum(correct) / len(correct), coverage_at_precision(confidences, correct)


def spread(values):
    mean = statistics.fmean(values)
    sd = statistics.stdev(values) if len(values) > 1 else 0.0
    return f"{mean:.3f} ± {sd:.3f}"


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--file")
    parser.add_argument("--text")
    parser.add_argument("--label")
    parser.add_argument("--split", help="a split written by learn.ts --write-split (then no --file)")
    parser.add_argument("--json", action="store_true", help="print one JSON object only")
    parser.add_argument("--seeds", default="1")
    parser.add_argument("--holdout", type=int, default=800)
    parser.add_argument("--checkpoints", default="200,1000,3000")
    args = parser.parse_args()
    if not args.split and not (args.file and args.text and args.label):
        parser.error("give --file, --text and --label, or --split")
    seeds = [0] if args.split else [int(s) for s in args.seeds.split(",")]
    checkpoints = [int(n) for n in args.checkpoints.split(",")]
    log = (lambda *a, **k: None) if args.json else print
    log(
        f"scikit-learn {sklearn.__version__}, Python {platform.python_version()}, "
        f"{os.cpu_count()} cores · {args.file} · label {args.label} · seeds {args.seeds}"
    )
    # results[config][n] -> list of (accuracy, coverage at 95 % precision), one per seed
    results = {name: {n: [] for n in checkpoints} for name in CONFIGS}
    for seed in seeds:
        stream, holdout = split_for(args, seed)
        log(f"seed {seed}: stream {len(stream)}, holdout {len(holdout)}")
        for n in checkpoints:
            if n > len(stream):
                continue
            for name, (make_vectorizer, lr_args) in CONFIGS.items():
                acc, cov = evaluate(stream[:n], holdout, make_vectorizer, lr_args)
                results[name][n].append((acc, cov))
                log(f"  {n:>5}  {name:<38} accuracy {acc:.3f}  coverage@prec.95 {cov:.3f}")
        sys.stdout.flush()
    if args.json:
        print(json.dumps({name: {n: runs[0] for n, runs in by_n.items() if runs} for name, by_n in results.items()}))
        return
    print(f"\nMean ± standard deviation over {len(seeds)} seed(s):")
    print(f"{'configuration':<38} | " + " | ".join(f"acc @ {n:<5}  cov95 @ {n:<5}" for n in checkpoints))
    for name in CONFIGS:
        cells = []
        for n in checkpoints:
            runs = results[name][n]
            if not runs:
                cells.append(f"{'-':^29}")
                continue
            cells.append(f"{spread([a for a, _ in runs])}  {spread([c for _, c in runs])}")
        print(f"{name:<38} | " + " | ".join(cells))


if __name__ == "__main__":
    main()
