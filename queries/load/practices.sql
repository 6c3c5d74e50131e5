insert into practices values (
    $practice_id, $survey_id, $sort_order, $pillar, $pillar_en, $pillar_zh, $text_en, $text_zh,
    $source_zh, $note_en, $note_zh
)
