"""The import/export file: its schema, parsing, importing and exporting."""
