insert into kpi_figures values ($kpi_id, $figure_id)
