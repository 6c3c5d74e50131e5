-- The labelled values of some figures that the sidebar's filters keep: the one place the
-- filters are applied (queries/figure_values.sql, queries/shown_values.sql). An empty list
-- means "no filter on this dimension" (figure_ids too: every figure).
create macro sliced_values(figure_ids, tiers, countries, channels, years) as table
select *
from labelled_values as lv
where (len(figure_ids) = 0 or list_contains(figure_ids, lv.figure_id))
    and (len(tiers) = 0 or list_contains(tiers, lv.tier))
    and (len(countries) = 0 or list_contains(countries, lv.country))
    and (len(channels) = 0 or list_contains(channels, lv.channel))
    and (len(years) = 0 or list_contains(years, lv.year));
