-- The database's shape. Every dimension is a table with English and 繁體中文 labels and a sort
-- order; facts reference them by foreign key, so an unknown tier, country or channel is refused
-- at load time. Checks keep bases positive and provenance present; a number's range comes
-- from its unit (units table).

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

-- A unit's range is what the unit means (a percent of respondents is 0-100, NPS runs from -100
-- to +100, a time is never negative), never what the data holds today; an empty bound is no
-- bound. queries/checks/values_outside_unit_range.sql refuses a number outside it.
create table units (
    unit          varchar primary key,
    label_en      varchar not null,
    label_zh      varchar not null,
    suffix        varchar,
    decimals_hint utinyint not null,
    min_value     double,
    max_value     double,
    check (max_value > min_value)
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
    note_en    varchar,
    note_zh    varchar
);

-- The app's pages (one name each: the id is the file in pages/, the URL path and the i18n
-- key). `gathers`: a page that also draws every figure published for a specific channel.
-- `params`: the page's own URL parameters besides the filters (space-separated).
create table pages (
    page       varchar primary key check (regexp_full_match(page, '[a-z_]+')),
    section    varchar not null check (section in ('findings', 'reference')),
    sort_order smallint not null unique,
    gathers    varchar check (gathers in ('channel_specific')),
    params     varchar check (regexp_full_match(params, '[a-z]+( [a-z]+)*'))
);

create table surveys (
    survey_id          varchar primary key check (regexp_full_match(survey_id, '[a-z]+')),
    -- the document's own name: a file name (no folder, no ':') or its http(s) address, <= 200
    -- characters (data/ cites the text extractions in ../shared/seeds/ by their file names)
    document           varchar not null check (
        length(document) <= 200
        and regexp_full_match(document, 'https?://[^\s<>"]+|[^/\\.:<>"|?*][^/\\:<>"|?*]*')
    ),
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

-- A later (or earlier) wave of a survey published in its own document: the values of that
-- year cite this document instead of the survey's. A wave the survey's own document reports
-- (APAC 2020, cited as "last year's study") needs no row.
create table waves (
    survey_id       varchar not null references surveys (survey_id),
    year            smallint not null references years (year),
    document        varchar not null check (
        length(document) <= 200
        and regexp_full_match(document, 'https?://[^\s<>"]+|[^/\\.:<>"|?*][^/\\:<>"|?*]*')
    ),
    title_en        varchar not null,
    title_zh        varchar not null,
    fieldwork_start varchar check (regexp_full_match(fieldwork_start, '\d{4}-\d{2}(-\d{2})?')),
    fieldwork_end   varchar check (regexp_full_match(fieldwork_end, '\d{4}-\d{2}(-\d{2})?')),
    sample_n        integer check (sample_n > 0),
    source_zh       varchar not null check (length(source_zh) >= 2),
    note_en         varchar,
    note_zh         varchar,
    primary key (survey_id, year),
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
    page          varchar not null references pages (page),  -- the page it is drawn on
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
    note_en       varchar,
    note_zh       varchar,
    flag          data_flag,
    flag_note_en  varchar,
    flag_note_zh  varchar,
    check (starts_with(figure_id, survey_id || '_')),
    check (flag is null or flag_note_en is not null)
);

-- One row per number printed in a document. `unit` is copied from the figure at load time so
-- its range can be checked; `value_decimals` is the precision as printed.
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
    note_en          varchar,
    note_zh          varchar,
    flag             data_flag,
    unit             varchar references units (unit),
    check (starts_with(value_id, figure_id || '.')),
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
    note_en         varchar,
    note_zh         varchar,
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

-- "Benchmark yourself": the practices that define the maturity tiers (as the report lists
-- them), the one tier rule it publishes, the measures a company can compare, and the
-- guide's bands, whose thresholds are published values (never numbers typed here).
create table practices (
    practice_id varchar primary key,
    survey_id   varchar not null references surveys (survey_id),
    sort_order  smallint not null,
    pillar      varchar not null check (pillar in ('people', 'process', 'data_technology')),
    pillar_en   varchar not null,
    pillar_zh   varchar not null,
    text_en     varchar not null,
    text_zh     varchar not null,
    source_zh   varchar not null,
    note_en     varchar,
    note_zh     varchar,
    unique (survey_id, sort_order)
);

create table tier_rules (
    survey_id     varchar not null references surveys (survey_id),
    tier          varchar not null references tiers (tier),
    min_practices smallint not null check (min_practices > 0),
    of_practices  smallint not null check (of_practices >= min_practices),
    source_zh     varchar not null,
    note_en       varchar,
    note_zh       varchar,
    primary key (survey_id, tier)
);

create table benchmark_measures (
    measure_id     varchar primary key,
    sort_order     smallint not null unique,
    name_en        varchar not null,
    name_zh        varchar not null,
    unit           varchar not null references units (unit),
    direction      kpi_direction not null,
    min_value      double not null,
    max_value      double not null check (max_value > min_value),
    tier_figure_id varchar references figures (figure_id),
    kpi_id         varchar references kpis (kpi_id),
    note_en        varchar,
    note_zh        varchar
);

create table benchmark_bands (
    measure_id varchar not null references benchmark_measures (measure_id),
    value_id   varchar not null references published_values (value_id),
    sort_order smallint not null,
    kind       varchar not null check (kind in ('band', 'reference')),
    comparator varchar not null check (comparator in ('>=', '>', '<=', '<', '~')),
    label_en   varchar not null,
    label_zh   varchar not null,
    check ((kind = 'reference') = (comparator = '~')),
    primary key (measure_id, value_id)
);

-- Statistics computed at build time (cxdash/stats.py, statsmodels), never at request time.
-- One row per published value: its 95% Wilson interval where it is a share with a printed
-- base, whether that base is low (N < 30), and its test status (pairwise two-proportion
-- z-tests, Holm within the family): significant (differs from another group of its figure),
-- not_significant (every comparison tested, none significant) or not_tested with the reason
-- (mean, no_base, not_share, no_comparison); `significant` is NULL when not tested.
create table value_stats (
    value_id    varchar primary key references published_values (value_id),
    ci_low      double,
    ci_high     double,
    low_base    boolean not null,
    significant boolean,
    test_status varchar not null
        check (test_status in ('significant', 'not_significant', 'not_tested')),
    test_reason varchar check (test_reason in ('mean', 'no_base', 'not_share', 'no_comparison')),
    check ((ci_low is null) = (ci_high is null)),
    check (ci_low is null or ci_low <= ci_high),
    check ((test_status = 'not_tested') = (significant is null)),
    check ((test_status = 'not_tested') = (test_reason is not null))
);

-- One row per pair of groups compared in a figure's test family: the figure × the dimension
-- it compares (tier, country, respondent group or year, decided on all its values, so a
-- filter never changes a result), every other dimension and the answer held fixed.
-- A pair that is not a pair of shares with both bases printed is not tested: p, p_holm and
-- significant are NULL and test_reason says why (mean, no_base, not_share).
create table pairwise_tests (
    figure_id   varchar not null references figures (figure_id),
    dimension   varchar not null,
    option_en   varchar,
    value_id_a  varchar not null references published_values (value_id),
    value_id_b  varchar not null references published_values (value_id),
    p           double check (p between 0 and 1),
    p_holm      double check (p_holm between 0 and 1),
    significant boolean,
    family_size integer not null,
    test_status varchar not null
        check (test_status in ('significant', 'not_significant', 'not_tested')),
    test_reason varchar check (test_reason in ('mean', 'no_base', 'not_share')),
    primary key (value_id_a, value_id_b),
    check ((test_status = 'not_tested') = (p is null)),
    check ((test_status = 'not_tested') = (significant is null)),
    check ((test_status = 'not_tested') = (test_reason is not null))
);

-- One row per year-over-year pair of shares with both bases printed: the unadjusted
-- two-proportion z-test p-value.
create table yoy_tests (
    value_id_from varchar not null references published_values (value_id),
    value_id_to   varchar not null references published_values (value_id),
    p             double not null check (p between 0 and 1),
    primary key (value_id_from, value_id_to)
);

-- One row per sample size printed anywhere (survey samples, groups, bases): the worst-case
-- (p = 50%) half-width of the 95% normal interval, in points.
create table margins (
    n       integer primary key check (n > 0),
    moe_pts double not null check (moe_pts > 0)
);

-- What the database was built from: a fingerprint of its input files (cxdash/build.py), so a
-- changed, added or deleted file makes it stale.
create table build_info (
    inputs   varchar not null,
    built_at timestamp not null
);
