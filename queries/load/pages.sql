insert into pages values ($page, $section, $sort_order, $gathers, $params)
