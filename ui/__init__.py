"""Streamlit glue shared by the pages: URL state, language, cached wrappers, the drag component."""
