-- A FICTIONAL ticket export of $n tickets (seed $seed), in the ticket schema's own field names,
-- timestamps written with their offset (+08:00), for tests and benchmarks only. Every number
-- is drawn here from hashes of the row number: nothing comes from the documents, and every
-- output of the app names a log made from it FICTIONAL.
with u as (
    select
        i,
        (hash(i, $seed, 1) % 1000000) / 1000000.0 as u_channel,
        (hash(i, $seed, 2) % 1000000) / 1000000.0 as u_created,
        (hash(i, $seed, 3) % 1000000) / 1000000.0 as u_reply,
        (hash(i, $seed, 4) % 1000000) / 1000000.0 as u_solve,
        (hash(i, $seed, 5) % 1000000) / 1000000.0 as u_replies,
        (hash(i, $seed, 6) % 1000000) / 1000000.0 as u_csat,
        (hash(i, $seed, 7) % 1000000) / 1000000.0 as u_nps,
        hash(i, $seed, 8) % greatest($n // 3, 1) as requester
    from range($n) as t(i)
),
d as (
    select
        *,
        case
            when u_channel < 0.30 then 'email' when u_channel < 0.55 then 'live_chat'
            when u_channel < 0.75 then 'phone' when u_channel < 0.87 then 'messaging_app'
            when u_channel < 0.95 then 'website_app' else 'social_media'
        end as channel,
        timestamptz '2024-01-01 00:00:00+08' + to_seconds((u_created * 731 * 86400)::bigint) as created
    from u
),
t as (
    select
        *,
        -- exponential times: chat and phone answered in minutes, email in hours
        case when u_reply < 0.92 then
            -ln(1 - u_reply / 0.92) * (case channel when 'email' then 6 * 3600 when 'live_chat' then 90
                                                     when 'phone' then 40 else 2 * 3600 end)
        end as reply_s,
        case when u_solve < 0.88 then -ln(1 - u_solve / 0.88) * 30 * 3600 end as solve_s
    from d
)
select
    'T' || lpad(i::varchar, 10, '0') as ticket_id,
    'R' || requester::varchar as requester_id,
    channel,
    strftime(created at time zone 'Asia/Taipei', '%Y-%m-%dT%H:%M:%S+08:00') as created_at,
    strftime((created + to_seconds(reply_s::bigint)) at time zone 'Asia/Taipei', '%Y-%m-%dT%H:%M:%S+08:00') as first_reply_at,
    strftime((created + to_seconds((coalesce(reply_s, 0) + solve_s)::bigint)) at time zone 'Asia/Taipei', '%Y-%m-%dT%H:%M:%S+08:00') as solved_at,
    case when solve_s is not null then floor(-ln(1 - u_replies) * 1.2)::integer end as agent_replies,
    case when solve_s is not null then (case when u_replies > 0.96 then 1 else 0 end) end as reopens,
    case when u_csat < 0.30 then 1 + floor(sqrt(u_csat / 0.30) * 5 * 0.9999)::integer end as csat,
    case when u_nps < 0.10 then floor(pow(u_nps / 0.10, 1.0 / 3) * 11 * 0.9999)::integer end as nps
from t
