-- One row per practice that defines the maturity tiers, in the report's order, with its
-- pillar and the tier rule(s) the report publishes for that survey (a list; Champion only).
-- Parameters: none.
with rules as (
    select
        survey_id,
        list(
            {'tier': tier, 'min_practices': min_practices, 'of_practices': of_practices,
             'source_zh': source_zh, 'note_en': note_en, 'note_zh': note_zh}
            order by min_practices desc
        ) as rules
    from tier_rules
    group by survey_id
),

final as (
    select p.*, coalesce(r.rules, []) as rules
    from practices as p
    left join rules as r using (survey_id)
)

select * from final
order by survey_id, sort_order
