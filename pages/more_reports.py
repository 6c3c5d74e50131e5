"""More reports: the Zendesk agility guide's statistics and the Taiwan industry overview."""

from cxdash import data
from cxdash.ui import panel, shell

view = shell.page("more_reports")
figures = data.page_figures("more_reports", view.filters.surveys)
for survey_id in ("agility", "taiwan"):
    if shell.survey_shown(survey_id, view):
        panel.figures_of(figures[figures["survey_id"] == survey_id], view)
