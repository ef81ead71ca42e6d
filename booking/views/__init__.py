"""Public booking pages: `flow` (type → day → time → details → review → confirm → done) and
`manage` (the manage link). Both choose a time through `picking.time_picking`; `common`
holds what they share. booking/urls.py names each view."""
