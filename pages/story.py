"""Story: a presenter's sequence of views, each one chart with one sentence, edited here,
presented and exported in this order; the whole story lives in the link."""

from cxdash.ui import shell, storyboard

view = shell.page("story")
storyboard.editor(view)
