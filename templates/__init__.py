"""Packaged wording templates (one Jinja file per 文种); this file makes them a package."""
