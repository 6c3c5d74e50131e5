insert into figures values (
    $figure_id, $survey_id, $sort_order, $chart_no, $kind, $page, $title_en, $title_zh, $question_en,
    $question_zh, $caption_zh, $unit, $measure, $single_choice, $note_en, $note_zh, $flag,
    $flag_note_en, $flag_note_zh
)
