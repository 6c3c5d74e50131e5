"""The metric queries run on one of two existing engines, from one SQL text
(`queries/metrics/cube.sql`, DuckDB's dialect):

- **duckdb** (default): over the log's Parquet in place, out of core under the memory limit;
- **spark**: the same text transpiled to Spark SQL by sqlglot, its parameters bound as
  literals, over the same Parquet read by Spark (`--master local[2]`, `spark://host:7077`, or a
  managed cluster's; the log's path may be any URL Spark reads, e.g. s3a:// or hdfs://).

Why sqlglot and not a portable layer such as Ibis: the queries stay the named SQL files every
other part of the app reads and reviews (house style), DuckDB keeps running them natively, and
only the Spark path pays a translation, which the parity test checks value by value. PySpark
is imported only when the Spark engine is chosen."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from cxdash.tickets import store

ENGINES = ("duckdb", "spark")


def cube(
    data: str | Path, params: dict, engine: str = "duckdb", master: str | None = None
) -> pd.DataFrame:
    """The sums by channel and month of the log whose Parquet is `data` (a file, a folder of
    files, or a URL Spark reads), sorted by channel and month."""
    if engine == "duckdb":
        frame = _duckdb(Path(data), params)
    elif engine == "spark":
        frame = _spark(str(data), params, master or "local[2]")
    else:
        raise ValueError(f"engine {engine!r}: one of {', '.join(ENGINES)}")
    frame["month"] = pd.to_datetime(frame["month"]).dt.date
    return frame.sort_values(["channel", "month"], ignore_index=True)


def _duckdb(data: Path, params: dict) -> pd.DataFrame:
    con = store.connect()
    path = str(data / store.DATA if data.is_dir() else data).replace("'", "''")
    con.execute(f"create view tickets as select * from read_parquet('{path}')")
    try:
        return con.execute(store.sql("cube"), params).df()
    finally:
        con.close()


def spark_sql(params: dict) -> str:
    """cube.sql in Spark's dialect, with its parameters as literals."""
    import sqlglot
    from sqlglot import exp

    tree = sqlglot.parse_one(store.sql("cube"), read="duckdb")
    return exp.replace_placeholders(tree, **params).sql(dialect="spark")


def _spark(data: str, params: dict, master: str) -> pd.DataFrame:
    from pyspark.sql import SparkSession

    spark = (
        SparkSession.builder.master(master)
        .appName("cx-survey-explorer tickets")
        .config("spark.sql.session.timeZone", "UTC")
        .config("spark.ui.enabled", "false")
        .getOrCreate()
    )
    path = f"{data}/{store.DATA}" if Path(data).is_dir() else data
    spark.read.parquet(path).createOrReplaceTempView("tickets")
    rows = spark.sql(spark_sql(params)).collect()
    return pd.DataFrame([r.asDict() for r in rows])
