"""Channels: every figure published for a specific customer-service channel, all surveys."""

from cxdash.ui import panel, shell

view = shell.page("channels")
panel.page_figures(view)
