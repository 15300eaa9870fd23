"""Batch scoring: a folder of answer files scored in parallel into summary tables, peers and a dashboard."""
