"""Respondent-level data: a survey's own respondents, read -> validated -> stored as Parquet
under CX_RESPONDENTS_DIR -> queried by DuckDB in place (issue 18).

`instrument` reads the questionnaires of data/instruments/; `mapping` a user's mapping file;
`importer` turns a CSV, Parquet or SPSS .sav file into a dataset folder; `store` lists, opens
and deletes those folders; `synth` draws FICTIONAL respondents from the published figures.
The published database is never touched."""
