"""Reading and writing files: safe YAML, questionnaires, catalogues and answer files."""
