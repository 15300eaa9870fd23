"""The domain: questionnaire, answers, scoring, ladder, interview, roadmap and programmes; no I/O."""
