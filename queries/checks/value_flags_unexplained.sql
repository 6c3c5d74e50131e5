-- One row per value whose own flag is not its figure's flag and that has no note: the
-- figure's flag note explains only the figure's flag, a value's own flag is explained by the
-- value's note (cxdash/tables.py `flags`), so a note on Starters' sums reaches only a reader
-- shown Starters. Each row names its file row (source table, item = its key), so the build
-- reports its file and line. Must be empty to build.
with final as (
    select
        'published_values' as source,
        v.value_id as item,
        v.value_id,
        'note_en' as column_name,
        'the flag ' || v.flag || ' is this value''s own (its figure''s flag is '
        || coalesce(f.flag, 'empty') || '): say in note_en / note_zh what it means here'
        as problem
    from published_values as v
    join figures as f using (figure_id)
    where v.flag is not null
        and v.flag is distinct from f.flag
        and v.note_en is null
)

select * from final
