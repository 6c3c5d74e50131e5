"""Maturity tiers: every chart broken down by Starter / Emerging / Champion."""

from cxdash.ui import panel, shell

view = shell.page("tiers")
if shell.survey_shown("apac", view):
    panel.page_figures(view)
