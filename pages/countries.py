"""Countries: Australia, Japan, Singapore and South Korea side by side; APAC vs other regions."""

from cxdash.ui import panel, shell

view = shell.page("countries")
if shell.survey_shown("apac", view):
    panel.page_figures(view)
