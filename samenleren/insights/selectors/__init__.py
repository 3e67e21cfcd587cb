"""Reads for insights, split by purpose: `period` (the filter), `tables` (tables and the privacy
rule), `figures` (one source per dashboard block),
`access` (the access_* checks), `school` (the school contact's view), `portfolio` (Mijn
ontwikkeling and the personal-data export)."""
