"""The built-in check types, one module each; registered by :mod:`checks.builtin`."""
