"""Reads for insights, split by purpose: `period` (the filter), `tables` (tables and the privacy
rule), `scope` (what a filter covers), the dashboard blocks by family in `reach`, `activity`
(hours, kinds, evaluations, no-show) and `capabilities` (demand, questions, intakes, equipment),
`figures` (the list of sources and `dashboard_tables`), `access` (the access_* checks), `school`
(the school contact's view), `portfolio` (Mijn ontwikkeling and the personal-data export)."""
