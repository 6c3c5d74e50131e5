"""A help desk's own ticket log: imported through a mapping, stored as Parquet outside the
repository, and measured by the six-metrics guide's definitions (`data/tickets/`,
`queries/metrics/`) on DuckDB, or on Spark past one machine. Never mixed with the published
numbers: every output names the log, and FICTIONAL when it is."""
