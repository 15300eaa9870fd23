"""readiness: smart-factory maturity self-assessment for Korean SME manufacturers."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("readiness")
except PackageNotFoundError:  # running from a source tree without an install
    __version__ = "0+unknown"
