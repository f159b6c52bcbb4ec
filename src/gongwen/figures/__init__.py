"""Figures: metrics as the texts see them, and every ``{{ }}`` filled in from the data."""

from gongwen.figures.fill import document_from
from gongwen.figures.references import Figure, format_number

__all__ = ["Figure", "document_from", "format_number"]
