-- One row: a figure's metadata and provenance, by id.
-- Parameters: $figure_id.
with final as (
    select f.*, s.document, s.title_en as survey_title_en, s.title_zh as survey_title_zh,
        s.publisher_en, s.publisher_zh
    from figures as f
    join surveys as s using (survey_id)
    where f.figure_id = $figure_id
)

select * from final
