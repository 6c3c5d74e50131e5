-- A ticket export's cells (view `src`: row_no and one text column per schema field, NULL
-- where the mapping names none) as typed values: NULL where a cell is empty or unreadable,
-- which `checks.sql` tells apart. The session's TimeZone is the log's: a timestamp without a
-- zone is read in it (`log_time`, macros.sql).
-- Durations become seconds ($*_unit: seconds per unit of the mapping).
with cells as (
    select
        row_no,
        nullif(trim(ticket_id), '') as ticket_id,
        nullif(trim(requester_id), '') as requester_id,
        nullif(trim(channel), '') as channel,
        nullif(trim(created_at), '') as created_raw,
        nullif(trim(first_reply_at), '') as first_reply_raw,
        nullif(trim(solved_at), '') as solved_raw,
        nullif(trim(first_reply_time), '') as frt_raw,
        nullif(trim(resolution_time), '') as res_raw,
        nullif(trim(first_reply_time_business), '') as frtb_raw,
        nullif(trim(resolution_time_business), '') as resb_raw,
        nullif(trim(agent_replies), '') as replies_raw,
        nullif(trim(reopens), '') as reopens_raw,
        nullif(trim(csat), '') as csat_raw,
        nullif(trim(nps), '') as nps_raw
    from src
)
select
    c.*,
    coalesce(ch.code, c.channel, 'not_given') as channel_code,
    log_time(created_raw) as created_at,
    log_time(first_reply_raw) as first_reply_at,
    log_time(solved_raw) as solved_at,
    try_cast(frt_raw as double) * $frt_unit as frt_s,
    try_cast(res_raw as double) * $res_unit as res_s,
    try_cast(frtb_raw as double) * $frtb_unit as frtb_s,
    try_cast(resb_raw as double) * $resb_unit as resb_s,
    try_cast(replies_raw as bigint) as agent_replies,
    try_cast(reopens_raw as bigint) as reopens,
    case
        when $csat_numeric then
            case when try_cast(csat_raw as double) between $csat_low and $csat_high
                      and try_cast(csat_raw as double) = round(try_cast(csat_raw as double))
                 then try_cast(csat_raw as double) >= $csat_from end
        else cc.satisfied
    end as csat_satisfied,
    cc.value is not null and cc.satisfied is null as csat_no_rating,
    case when try_cast(nps_raw as double) between 0 and 10
              and try_cast(nps_raw as double) = round(try_cast(nps_raw as double))
         then try_cast(nps_raw as double)::tinyint end as nps
from cells as c
left join channel_codes as ch on lower(c.channel) = ch.value
left join csat_codes as cc on c.csat_raw = cc.value
