"""Key-result data sources: values fetched from HTTP JSON, Prometheus and CSV, or pushed."""
