-- One row per page of the app, in navigation order: its id (the file in pages/, the URL path
-- and the i18n key), its navigation section, and its own URL parameters besides the filters.
-- Parameters: none.
with final as (
    select page, section, sort_order, gathers, coalesce(params, '') as params
    from pages
)

select * from final
order by sort_order
