"""readiness: smart-factory maturity self-assessment for Korean SME manufacturers."""

from __future__ import annotations


def __getattr__(name: str) -> str:
    """`readiness.__version__`, looked up only when asked (importlib.metadata is slow to import)."""
    if name == "__version__":
        from importlib.metadata import PackageNotFoundError, version

        try:
            return version("readiness")
        except PackageNotFoundError:  # a source tree without an install
            return "0+unknown"
    raise AttributeError(name)
