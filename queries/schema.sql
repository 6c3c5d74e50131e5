-- The database's shape. Every dimension is a table with English and 繁體中文 labels and a sort
-- order; facts reference them by foreign key, so an unknown tier, country or channel is refused
-- at load time. Checks keep percents within 0-100, bases positive and provenance present.

create type figure_kind as enum (
    'tier_bars', 'tier_stacked', 'yoy', 'country_callout', 'region_compare', 'distribution',
    'channel_bars', 'ranking', 'kpi', 'benchmark', 'demographic', 'method'
);
create type data_flag as enum (
    'order_inferred', 'order_ambiguous', 'sum_off', 'reported_twice', 'label_missing',
    'base_anomaly', 'inconsistent'
);
create type claim_operation as enum ('ratio', 'pct_of', 'pct_more', 'pct_less', 'point_diff', 'value');
create type channel_group as enum ('human', 'digital', 'combined', 'all');
create type measure as enum ('share', 'mean', 'difference', 'threshold', 'example', 'count', 'other');
create type kpi_direction as enum ('lower_is_better', 'higher_is_better');

create table units (
    unit          varchar primary key,
    label_en      varchar not null,
    label_zh      varchar not null,
    suffix        varchar,
    decimals_hint utinyint not null
);

create table tiers (
    tier           varchar primary key,
    label_en       varchar not null,
    label_zh       varchar not null,
    sort_order     smallint not null unique,
    description_en varchar not null,
    description_zh varchar not null
);

create table countries (
    country    varchar primary key,
    label_en   varchar not null,
    label_zh   varchar not null,
    sort_order smallint not null unique,
    is_region  boolean not null
);

create table channels (
    channel       varchar primary key check (regexp_full_match(channel, '[a-z_]+|All')),
    label_en      varchar not null,
    label_zh      varchar not null,
    channel_group channel_group not null,
    sort_order    smallint not null unique
);

create table years (
    year       smallint primary key check (year between 1990 and 2030),
    label_en   varchar not null,
    label_zh   varchar not null,
    sort_order smallint not null unique,
    note       varchar
);

create table surveys (
    survey_id          varchar primary key check (regexp_full_match(survey_id, '[a-z]+')),
    document           varchar not null check (regexp_full_match(document, '\d{3}_[0-9a-f]+\.txt')),
    publisher_en       varchar,
    publisher_zh       varchar,
    title_en           varchar not null,
    title_zh           varchar not null,
    population_en      varchar,
    population_zh      varchar,
    method_en          varchar,
    method_zh          varchar,
    -- ISO dates at the precision the document prints: 2021-04-27, or 2017-12 for a month.
    fieldwork_start    varchar check (regexp_full_match(fieldwork_start, '\d{4}-\d{2}(-\d{2})?')),
    fieldwork_end      varchar check (regexp_full_match(fieldwork_end, '\d{4}-\d{2}(-\d{2})?')),
    sample_n           integer check (sample_n > 0),
    margin_of_error_pts double check (margin_of_error_pts > 0 and margin_of_error_pts < 50),
    confidence_pct     double check (confidence_pct > 0 and confidence_pct < 100),
    published_year     smallint check (published_year between 1990 and 2030),
    sort_order         smallint not null unique,
    source_zh          varchar not null,
    check (fieldwork_end >= fieldwork_start)
);

create table respondent_groups (
    respondent_group varchar primary key check (regexp_full_match(respondent_group, '[a-z0-9_]+')),
    survey_id        varchar not null references surveys (survey_id),
    label_en         varchar not null,
    label_zh         varchar not null,
    base_n           integer check (base_n > 0),
    sort_order       smallint not null,
    source_zh        varchar not null
);

create table figures (
    figure_id     varchar primary key check (regexp_full_match(figure_id, '[a-z]+_[a-z0-9_]+')),
    survey_id     varchar not null references surveys (survey_id),
    sort_order    smallint not null,
    chart_no      smallint check (chart_no > 0),
    kind          figure_kind not null,
    title_en      varchar not null,
    title_zh      varchar not null,
    question_en   varchar,
    question_zh   varchar,
    caption_zh    varchar,  -- the chart caption, where the document has one
    unit          varchar not null references units (unit),
    -- share: percent of respondents giving an answer (the only kind a Wilson interval fits);
    -- mean: an average across respondents (hours, counts, or average percentages)
    measure       measure not null,
    single_choice boolean not null,
    note          varchar,
    flag          data_flag,
    flag_note     varchar,
    check (starts_with(figure_id, survey_id || '_')),
    check (flag is null or flag_note is not null)
);

-- One row per number printed in a document. `unit` is copied from the figure at load time so
-- the percent check can be enforced here; `value_decimals` is the precision as printed.
create table published_values (
    value_id         varchar primary key,
    figure_id        varchar not null references figures (figure_id),
    year             smallint references years (year),
    tier             varchar not null references tiers (tier),
    country          varchar not null references countries (country),
    channel          varchar not null references channels (channel),
    respondent_group varchar references respondent_groups (respondent_group),
    option_en        varchar,
    option_zh        varchar,
    value            double not null,
    value_decimals   utinyint not null,
    base_n           integer check (base_n > 0),
    source_zh        varchar not null check (length(source_zh) >= 2),
    note             varchar,
    flag             data_flag,
    unit             varchar references units (unit),
    check (starts_with(value_id, figure_id || '.')),
    check (unit is distinct from 'percent' or value between 0 and 100),
    check (unit is distinct from 'points' or value between -100 and 100),
    check (unit not in ('hours', 'minutes', 'days', 'count') or value >= 0),
    check ((option_en is null) = (option_zh is null))
);
create unique index published_values_natural_key on published_values (
    figure_id, coalesce(year, 0), tier, country, channel, coalesce(respondent_group, ''),
    coalesce(option_en, '')
);

-- A quantitative claim of a document's text and how it recomputes from stored values.
create table claims (
    claim_id        varchar primary key,
    survey_id       varchar not null references surveys (survey_id),
    figure_id       varchar references figures (figure_id),
    topic           varchar not null,
    text_zh         varchar not null,
    text_en         varchar not null,
    published_value double not null,
    published_decimals utinyint not null,
    unit            varchar not null references units (unit),
    bound           varchar check (bound in ('at_least', 'at_most')),  -- "以上" / "以下" claims
    operation       claim_operation,
    a_value_ids     varchar,
    b_value_ids     varchar,
    note            varchar,
    check (starts_with(claim_id, survey_id || '_')),
    check (published_value >= 0 or unit in ('points', 'score')),
    check (operation is null or a_value_ids is not null),
    check (operation not in ('ratio', 'pct_of', 'pct_more', 'pct_less', 'point_diff') or b_value_ids is not null)
);

-- The terms of each claim, one row per referenced value: the foreign key makes a claim that
-- cites a value that does not exist fail the build.
create table claim_terms (
    claim_id varchar not null references claims (claim_id),
    side     varchar not null check (side in ('a', 'b')),
    value_id varchar not null references published_values (value_id),
    primary key (claim_id, side, value_id)
);

create table kpis (
    kpi_id        varchar primary key,
    sort_order    smallint not null unique,
    abbr          varchar,
    name_en       varchar not null,
    name_zh       varchar not null,
    definition_en varchar not null,
    definition_zh varchar not null,
    formula_en    varchar,
    formula_zh    varchar,
    direction     kpi_direction not null,
    source_zh     varchar not null
);

-- Which figures in the app measure each KPI (curated; see data/metrics/kpi_figures.csv).
create table kpi_figures (
    kpi_id    varchar not null references kpis (kpi_id),
    figure_id varchar not null references figures (figure_id),
    primary key (kpi_id, figure_id)
);

-- Every published value with the labels of its dimensions and their sort orders: the one
-- place the joins live, read by the named queries.
create view labelled_values as
select
    v.value_id,
    f.survey_id,
    v.figure_id,
    f.kind,
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
    v.option_en,
    v.option_zh,
    min(v.rowid) over (partition by v.figure_id, v.option_en) as option_order,
    v.value,
    v.value_decimals,
    v.base_n,
    s.document,
    f.caption_zh,
    v.source_zh,
    v.note,
    f.note as figure_note,
    coalesce(v.flag, f.flag) as flag,
    f.flag_note
from published_values as v
join figures as f using (figure_id)
join surveys as s on s.survey_id = f.survey_id
join tiers as t on t.tier = v.tier
join countries as c on c.country = v.country
join channels as ch on ch.channel = v.channel
left join respondent_groups as g on g.respondent_group = v.respondent_group
left join years as y on y.year = v.year;
