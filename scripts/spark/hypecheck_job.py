#!/usr/bin/env python3
"""hypecheck on Apache Spark: stream partitions through the hypecheck binary, merge aggregates.

    spark-submit --master local[4] --files target/release/hypecheck \\
        scripts/spark/hypecheck_job.py --input corpus.jsonl --aggregate-out agg.json

    spark-submit --master yarn --num-executors 50 --executor-cores 4 \\
        --files hdfs:///tools/hypecheck \\
        scripts/spark/hypecheck_job.py --input-format warc \\
        --input 's3a://bucket/news/2025/*.warc.gz' \\
        --aggregate-out s3a://bucket/out/2025.agg.json --results-out s3a://bucket/out/2025-results

The release binary is shipped to the executors with `--files` (or `--binary PATH`, which
adds it with `SparkContext.addFile`) and found there with `SparkFiles.get`. Each partition
is piped through `hypecheck analyze --input -` (JSON Lines in, one JSON result line per
document out, in order), then through `hypecheck aggregate` (one partial aggregate per
partition); the partials are merged by `hypecheck merge` in one last task. The merge rule
is exact (integer sums, sorted maps), so the result does not depend on how the input was
partitioned: it is byte-identical to `hypecheck analyze --input all.jsonl | hypecheck
aggregate` on one machine. See docs/scale.md.

The pipe is the mechanism of `RDD.pipe`, written out with `mapPartitions` and a subprocess:
the shipped binary's path is only known on the executor (`SparkFiles.get` there), and a
WARC file is bytes, not text lines.
"""
import argparse
import os
import stat
import subprocess
import sys
import threading

from pyspark import SparkFiles
from pyspark.sql import SparkSession


def binary_path(name):
    """The shipped binary on this executor (or driver), made executable."""
    path = SparkFiles.get(name)
    mode = os.stat(path).st_mode
    if not mode & stat.S_IXUSR:
        os.chmod(path, mode | stat.S_IXUSR | stat.S_IXGRP | stat.S_IXOTH)
    return path


def pipe(name, args, chunks):
    """Runs `hypecheck ARGS` with CHUNKS (bytes) on stdin; yields its output lines (str).

    stdin is fed from a thread, so a process that writes while it reads never blocks on a
    full pipe (the way RDD.pipe does it). A non-zero exit fails the task, with stderr.
    """
    proc = subprocess.Popen([binary_path(name)] + args, stdin=subprocess.PIPE,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    errors = []

    def feed():
        try:
            for c in chunks:
                proc.stdin.write(c)
        except BrokenPipeError:
            pass
        except Exception as e:  # reported after the process ends
            errors.append(e)
        finally:
            try:
                proc.stdin.close()
            except BrokenPipeError:
                pass

    stderr = []
    t = threading.Thread(target=feed, daemon=True)
    e = threading.Thread(target=lambda: stderr.append(proc.stderr.read()), daemon=True)
    t.start()
    e.start()
    for line in proc.stdout:
        yield line.decode("utf-8").rstrip("\n")
    code = proc.wait()
    t.join()
    e.join()
    if errors:
        raise errors[0]
    if code != 0:
        msg = b"".join(stderr).decode("utf-8", "replace")
        raise RuntimeError(f"hypecheck {' '.join(args)} exited with {code}: {msg}")


def text_chunks(lines):
    for line in lines:
        yield (line + "\n").encode("utf-8")


def main(argv=None):
    ap = argparse.ArgumentParser(description="hypecheck on Apache Spark")
    ap.add_argument("--input", required=True,
                    help="JSONL file(s) or WARC file(s): any Hadoop path or glob (file://, hdfs://, s3a://)")
    ap.add_argument("--input-format", choices=["jsonl", "warc"], default="jsonl")
    ap.add_argument("--partitions", type=int, default=0,
                    help="minimum partitions of JSONL input (default: Spark's)")
    ap.add_argument("--binary", default=None,
                    help="path of the hypecheck binary to ship (default: shipped with --files)")
    ap.add_argument("--binary-name", default="hypecheck",
                    help="file name of the shipped binary")
    ap.add_argument("--jobs", type=int, default=1,
                    help="threads per hypecheck process (match spark.task.cpus)")
    ap.add_argument("--aggregate-out", required=True,
                    help="where the merged aggregate goes: a local file, or a Hadoop path (a directory with one part file)")
    ap.add_argument("--results-out", default=None,
                    help="optional: write per-article result lines (JSONL) to this Hadoop directory")
    ap.add_argument("--results-format", choices=["jsonl", "parquet"], default="jsonl")
    args = ap.parse_args(argv)

    spark = SparkSession.builder.appName("hypecheck").getOrCreate()
    sc = spark.sparkContext
    name = args.binary_name
    if args.binary:
        sc.addFile(os.path.abspath(args.binary))
        name = os.path.basename(args.binary)

    analyze = ["analyze", "--input", "-", "--jobs", str(args.jobs), "--isolated"]
    if args.input_format == "jsonl":
        lines = sc.textFile(args.input, minPartitions=args.partitions or None)
        results = lines.mapPartitions(
            lambda it: pipe(name, analyze + ["--input-format", "jsonl"], text_chunks(it)))
    else:
        files = sc.binaryFiles(args.input)
        results = files.flatMap(
            lambda kv: pipe(name, analyze + ["--input-format", "warc"], iter([kv[1]])))

    if args.results_out:
        results = results.persist()
        if args.results_format == "parquet":
            spark.read.json(results).write.mode("overwrite").parquet(args.results_out)
        else:
            results.saveAsTextFile(args.results_out)

    partials = results.mapPartitions(lambda it: pipe(name, ["aggregate"], text_chunks(it)))
    # A shuffle into one partition: `coalesce(1)` without one would pull the whole upstream
    # (analysis included) into a single task.
    merged = partials.repartition(1).mapPartitions(
        lambda it: pipe(name, ["merge"], text_chunks(it))).collect()
    if len(merged) != 1:
        raise RuntimeError(f"merge gave {len(merged)} lines, expected 1")
    out = args.aggregate_out
    if "://" in out and not out.startswith("file://"):
        sc.parallelize(merged, 1).saveAsTextFile(out)
    else:
        path = out[len("file://"):] if out.startswith("file://") else out
        with open(path, "w", encoding="utf-8") as f:
            f.write(merged[0] + "\n")
    spark.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
