"""Sheet-to-Conta-Azul and Conta-Azul-to-sheet synchronisation: cycles, ledger and actions."""
