"""Reports: the scorecard turned into views and rendered as HTML, Markdown or JSON."""
