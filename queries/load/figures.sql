insert into figures values (
    $figure_id, $survey_id, $sort_order, $chart_no, $kind, $page, $title_en, $title_zh, $question_en,
    $question_zh, $caption_zh, $unit, $measure, $single_choice, $note, $flag, $flag_note
)
