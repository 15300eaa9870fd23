"""The history store (issue 14): every assessment kept across years, one firm's path, the trend of many.

`engine` opens the store (a SQLite file by default, or PostgreSQL), `schema` holds its tables
and migrations (SQLAlchemy Core, the one library of this package), `store` records and reads
assessments, `importer` scores files with the batch worker and records them.
"""
