insert into waves values (
    $survey_id, $year, $document, $title_en, $title_zh, $fieldwork_start, $fieldwork_end,
    $sample_n, $source_zh, $note_en, $note_zh
)
