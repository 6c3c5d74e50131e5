-- Every problem of a typed ticket export (table `typed`): one row per problem kind and field,
-- with how many rows have it and the first eight row numbers. Nothing is imported when any
-- row comes back. $max_s: the longest duration accepted (seconds).
with problems as (
    select 'ticket_id' as field, 'missing' as problem, row_no from typed where ticket_id is null
    union all
    select 'ticket_id', 'duplicate', row_no from typed
    where ticket_id in (select ticket_id from typed group by ticket_id having count(*) > 1)
    union all
    select 'created_at', 'missing', row_no from typed where created_raw is null
    union all
    select 'created_at', 'not_time', row_no from typed where created_raw is not null and created_at is null
    union all
    select 'first_reply_at', 'not_time', row_no from typed where first_reply_raw is not null and first_reply_at is null
    union all
    select 'solved_at', 'not_time', row_no from typed where solved_raw is not null and solved_at is null
    union all
    select 'first_reply_at', 'before_created', row_no from typed where first_reply_at < created_at
    union all
    select 'solved_at', 'before_created', row_no from typed where solved_at < created_at
    union all
    select 'first_reply_time', 'not_duration', row_no from typed
    where frt_raw is not null and (frt_s is null or not isfinite(frt_s) or frt_s < 0 or frt_s > $max_s)
    union all
    select 'resolution_time', 'not_duration', row_no from typed
    where res_raw is not null and (res_s is null or not isfinite(res_s) or res_s < 0 or res_s > $max_s)
    union all
    select 'first_reply_time_business', 'not_duration', row_no from typed
    where frtb_raw is not null and (frtb_s is null or not isfinite(frtb_s) or frtb_s < 0 or frtb_s > $max_s)
    union all
    select 'resolution_time_business', 'not_duration', row_no from typed
    where resb_raw is not null and (resb_s is null or not isfinite(resb_s) or resb_s < 0 or resb_s > $max_s)
    union all
    select 'first_reply_at', 'too_long', row_no from typed where epoch(first_reply_at) - epoch(created_at) > $max_s
    union all
    select 'solved_at', 'too_long', row_no from typed where epoch(solved_at) - epoch(created_at) > $max_s
    union all
    select 'agent_replies', 'not_count', row_no from typed
    where replies_raw is not null and (agent_replies is null or agent_replies not between 0 and 100000)
    union all
    select 'reopens', 'not_count', row_no from typed
    where reopens_raw is not null and (reopens is null or reopens not between 0 and 100000)
    union all
    select 'csat', 'not_rating', row_no from typed
    where csat_raw is not null and csat_satisfied is null and not csat_no_rating
    union all
    select 'nps', 'not_score', row_no from typed where nps_raw is not null and nps is null
)
select field, problem, count(*) as n, min(row_no, 8) as rows
from problems
group by field, problem
order by min(row_no), field, problem
