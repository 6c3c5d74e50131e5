-- One row per figure that has no published value. Must be empty to build.
with final as (
    select f.figure_id
    from figures as f
    anti join published_values as v using (figure_id)
)

select * from final
