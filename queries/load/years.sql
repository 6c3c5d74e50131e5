insert into years values ($year, $label_en, $label_zh, $sort_order, $note_en, $note_zh)
