-- `value` arrives as printed; its precision is kept so claims can be checked within rounding.
insert into published_values
select
    $value_id, $figure_id, $year, $tier, $country, $channel, $respondent_group,
    $option_en, $option_zh, $value,
    coalesce(length(nullif(split_part($value, '.', 2), '')), 0),
    $base_n, $source_zh, $note_en, $note_zh, $flag,
    (select unit from figures where figure_id = $figure_id)
