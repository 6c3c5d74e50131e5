"""Hong Kong: customers vs frontline staff, the perception gap, human vs digital channels."""

from cxdash.ui import panel, shell

view = shell.page("hong_kong")
if shell.survey_shown("hk", view):
    panel.page_figures(view)
