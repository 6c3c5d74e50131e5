insert into claims
select
    $claim_id, $survey_id, $figure_id, $topic, $text_zh, $text_en, $published_value,
    coalesce(length(nullif(split_part($published_value, '.', 2), '')), 0),
    $unit, $bound, $operation, $a_value_ids, $b_value_ids, $note_en, $note_zh
