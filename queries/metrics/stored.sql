-- The stored ticket log (tickets.parquet) from a checked export (table `typed`): times in UTC,
-- the month in the log's time zone (the session's TimeZone), every duration in seconds
-- (from the timestamps when the export gives them, else its durations), and each ticket's gap
-- to the same requester's previous ticket, so a repeat-contact window is a filter, not a sort.
select
    ticket_id,
    requester_id,
    channel_code as channel,
    created_at at time zone 'UTC' as created_utc,
    date_trunc('month', created_at)::date as month,
    coalesce(epoch(first_reply_at) - epoch(created_at), frt_s) as first_reply_s,
    coalesce(epoch(solved_at) - epoch(created_at), res_s) as resolution_s,
    frtb_s as first_reply_business_s,
    case when solved_at is not null or res_s is not null then resb_s end as resolution_business_s,
    solved_at is not null or res_s is not null as solved,
    agent_replies::integer as agent_replies,
    reopens::integer as reopens,
    csat_satisfied,
    nps,
    case when requester_id is not null then epoch(created_at) - epoch(lag(created_at) over (
        partition by requester_id order by created_at, row_no
    )) end as prior_gap_s
from typed
