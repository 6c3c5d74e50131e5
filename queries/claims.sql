-- One row per quantitative claim of a document's text, with the value recomputed from the
-- stored figures and its status. "Within rounding" is interval arithmetic: every stored value
-- and the published number stand for an interval of +/- half a unit of their last printed
-- digit; a claim matches when the recomputed interval meets the published one (for a
-- bound, "at least 1" / "至少", when it lies on the stated side).
-- Parameters: $surveys (list of survey ids; empty = all).
with terms as (
    select
        t.claim_id,
        t.side,
        sum(v.value) as total,
        sum(0.5 * pow(10, -(v.value_decimals::integer))) as half_unit,
        count(*) as n_terms,
        -- each input as printed (86, not 86.0)
        string_agg(
            v.value_id || '=' || printf('%.*f', v.value_decimals::integer, v.value),
            '; ' order by v.value_id
        ) as inputs
    from claim_terms as t
    join published_values as v using (value_id)
    group by all
),

sides as (
    select
        c.*,
        a.total as a, a.half_unit as a_err, b.total as b, b.half_unit as b_err,
        concat_ws(' ; ', 'A: ' || a.inputs, 'B: ' || b.inputs) as inputs,
        0.5 * pow(10, -(c.published_decimals::integer)) as p_err
    from claims as c
    left join terms as a on a.claim_id = c.claim_id and a.side = 'a'
    left join terms as b on b.claim_id = c.claim_id and b.side = 'b'
    where len($surveys) = 0 or list_contains($surveys, c.survey_id)
),

recomputed as (
    select
        *,
        case operation
            when 'ratio' then a / nullif(b, 0)
            when 'pct_of' then 100 * a / nullif(b, 0)
            when 'pct_more' then 100 * (a - b) / nullif(b, 0)
            when 'pct_less' then 100 * (b - a) / nullif(b, 0)
            when 'point_diff' then a - b
            when 'value' then a
        end as recomputed_value,
        case operation
            when 'ratio' then (a - a_err) / (b + b_err)
            when 'pct_of' then 100 * (a - a_err) / (b + b_err)
            when 'pct_more' then 100 * ((a - a_err) / (b + b_err) - 1)
            when 'pct_less' then 100 * (1 - (a + a_err) / nullif(b - b_err, 0))
            when 'point_diff' then a - b - a_err - b_err
            when 'value' then a - a_err
        end as recomputed_low,
        case operation
            when 'ratio' then (a + a_err) / nullif(b - b_err, 0)
            when 'pct_of' then 100 * (a + a_err) / nullif(b - b_err, 0)
            when 'pct_more' then 100 * ((a + a_err) / nullif(b - b_err, 0) - 1)
            when 'pct_less' then 100 * (1 - (a - a_err) / (b + b_err))
            when 'point_diff' then a - b + a_err + b_err
            when 'value' then a + a_err
        end as recomputed_high
    from sides
),

final as (
    select
        claim_id,
        survey_id,
        figure_id,
        topic,
        text_zh,
        text_en,
        published_value,
        published_decimals,
        unit,
        bound,
        operation,
        a_value_ids,
        b_value_ids,
        inputs,
        round(recomputed_value, 2) as recomputed_value,
        round(recomputed_value - published_value, 2) as difference,
        round(recomputed_low, 2) as recomputed_low,
        round(recomputed_high, 2) as recomputed_high,
        case
            when recomputed_value is null then 'not_recomputable'
            when bound = 'at_least' then
                if(recomputed_high >= published_value - p_err, 'matches', 'differs')
            when bound = 'at_most' then
                if(recomputed_low <= published_value + p_err, 'matches', 'differs')
            when coalesce(recomputed_high, 'inf'::double) >= published_value - p_err
                and coalesce(recomputed_low, '-inf'::double) <= published_value + p_err
                then 'matches'
            else 'differs'
        end as status,
        note_en,
        note_zh
    from recomputed
)

select * from final
order by survey_id, claim_id
