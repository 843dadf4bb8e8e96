"""The staged lab environment the collector tests run against."""
