-- Every published value with the labels of its dimensions and their sort orders: the one
-- place the joins live, read by the named queries.
create view labelled_values as
select
    v.value_id,
    f.survey_id,
    s.sort_order as survey_order,
    v.figure_id,
    f.kind,
    f.page,
    f.chart_no,
    f.sort_order as figure_order,
    f.title_en,
    f.title_zh,
    f.question_en,
    f.question_zh,
    f.unit,
    f.measure,
    f.single_choice,
    v.year,
    y.label_en as year_label_en,
    y.label_zh as year_label_zh,
    v.tier,
    t.label_en as tier_label_en,
    t.label_zh as tier_label_zh,
    t.sort_order as tier_order,
    v.country,
    c.label_en as country_label_en,
    c.label_zh as country_label_zh,
    c.sort_order as country_order,
    v.channel,
    ch.label_en as channel_label_en,
    ch.label_zh as channel_label_zh,
    ch.channel_group,
    ch.sort_order as channel_order,
    v.respondent_group,
    g.label_en as group_label_en,
    g.label_zh as group_label_zh,
    g.base_n as group_base_n,
    g.sort_order as group_order,
    v.option_en,
    v.option_zh,
    min(v.rowid) over (partition by v.figure_id, v.option_en) as option_order,
    v.value,
    v.value_decimals,
    v.base_n,
    coalesce(w.document, s.document) as document,
    f.caption_zh,
    v.source_zh,
    v.note_en,
    v.note_zh,
    f.note_en as figure_note_en,
    f.note_zh as figure_note_zh,
    coalesce(v.flag, f.flag) as flag,
    f.flag_note_en,
    f.flag_note_zh,
    st.ci_low,
    st.ci_high,
    coalesce(st.low_base, false) as low_base,
    st.significant,
    st.test_status,
    st.test_reason,
    m.moe_pts as base_moe_pts
from published_values as v
join figures as f using (figure_id)
join surveys as s on s.survey_id = f.survey_id
left join waves as w on w.survey_id = f.survey_id and w.year = v.year
join tiers as t on t.tier = v.tier
join countries as c on c.country = v.country
join channels as ch on ch.channel = v.channel
left join respondent_groups as g on g.respondent_group = v.respondent_group
left join years as y on y.year = v.year
left join value_stats as st on st.value_id = v.value_id
left join margins as m on m.n = v.base_n;
