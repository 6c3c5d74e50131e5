-- One row per pair of groups compared in the chosen figures' test families (two-proportion
-- z-tests computed at build time, Holm within each family; see pairwise_tests in
-- schema.sql), with both groups' labels, values (unit, printed decimals) and bases.
-- test_status: significant | not_significant | not_tested; a pair not tested has p and
-- significant NULL and test_reason (mean | no_base | not_share) saying why.
-- Parameters: $figure_ids (list).
with tests as (
    select * from pairwise_tests where list_contains($figure_ids, figure_id)
),

final as (
    select
        t.figure_id, t.dimension, t.family_size, t.p, t.p_holm, t.significant,
        t.test_status, t.test_reason, t.value_id_a, t.value_id_b,
        a.option_en, a.option_zh, a.option_order, a.unit,
        case t.dimension
            when 'tier' then a.tier_label_en when 'country' then a.country_label_en
            when 'respondent_group' then a.group_label_en else a.year_label_en
        end as a_label_en,
        case t.dimension
            when 'tier' then a.tier_label_zh when 'country' then a.country_label_zh
            when 'respondent_group' then a.group_label_zh else a.year_label_zh
        end as a_label_zh,
        case t.dimension
            when 'tier' then b.tier_label_en when 'country' then b.country_label_en
            when 'respondent_group' then b.group_label_en else b.year_label_en
        end as b_label_en,
        case t.dimension
            when 'tier' then b.tier_label_zh when 'country' then b.country_label_zh
            when 'respondent_group' then b.group_label_zh else b.year_label_zh
        end as b_label_zh,
        a.value as value_a, b.value as value_b,
        a.value_decimals as decimals_a, b.value_decimals as decimals_b,
        a.base_n as base_a, b.base_n as base_b
    from tests as t
    join labelled_values as a on a.value_id = t.value_id_a
    join labelled_values as b on b.value_id = t.value_id_b
)

select * from final
order by figure_id, option_order, value_id_a, value_id_b
