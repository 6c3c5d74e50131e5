-- Helpers of the ticket import. log_time: a timestamp as exports write it, read in the
-- session's TimeZone when it carries no zone; an offset after a space ("+0800", "+08:00",
-- which DuckDB does not read) is joined to the time first. NULL when it is not a time.
create or replace temp macro log_time(s) as try_cast(
    regexp_replace(s, '(\d:\d\d(:\d\d(\.\d+)?)?)\s+([+-]\d\d):?(\d\d)$', '\1\4:\5') as timestamptz
);
