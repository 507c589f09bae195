x  "with a BOM"
