-- One row per figure a page draws, in drawing order (the catalog's columns): the figures
-- whose home is the page, and on a page that gathers channel-specific figures every figure
-- published for a specific channel, from any survey.
-- Parameters: $page (a page id), $surveys (list; empty = all).
with page as (
    select * from pages where page = $page
),

channel_specific as (
    select distinct figure_id from published_values where channel <> 'All'
),

drawn as (
    select f.figure_id
    from figures as f, page as p
    where f.page = p.page
        or (p.gathers = 'channel_specific' and f.figure_id in (select figure_id from channel_specific))
),

final as (
    select c.*
    from figure_catalog as c
    semi join drawn using (figure_id)
    where len($surveys) = 0 or list_contains($surveys, c.survey_id)
)

select * from final
order by survey_order, sort_order, figure_id
