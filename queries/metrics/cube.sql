-- The six-metrics guide's sums by channel and month over a stored ticket log (view `tickets`),
-- the same text on DuckDB and, transpiled by sqlglot, on Spark. Every metric is a sum divided
-- by a count (data/tickets/metrics.csv names which), so any set of channels and months rolls
-- up exactly. $business: business-hour durations instead of calendar ones; $window_s: the
-- repeat-contact window in seconds.
select
    channel,
    month,
    count(*) as tickets,
    sum(case when $business then first_reply_business_s else first_reply_s end) as frt_sum,
    count(case when $business then first_reply_business_s else first_reply_s end) as frt_n,
    sum(case when $business then resolution_business_s else resolution_s end) filter (where solved) as res_sum,
    count(case when $business then resolution_business_s else resolution_s end) filter (where solved) as res_n,
    count(*) filter (where solved) as solved,
    count(*) filter (where solved and agent_replies <= 1 and coalesce(reopens, 0) = 0) as one_touch,
    count(agent_replies) filter (where solved) as fcr_n,
    count(*) filter (where csat_satisfied) as satisfied,
    count(csat_satisfied) as csat_n,
    count(*) filter (where nps >= 9) - count(*) filter (where nps <= 6) as nps_net,
    count(nps) as nps_n,
    count(*) filter (where prior_gap_s <= $window_s) as repeats,
    count(requester_id) as rcr_n
from tickets
group by channel, month
order by channel, month
