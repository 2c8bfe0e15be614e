"""One module per Conta Azul target kind: its fields, its draft, and how a row builds it."""
