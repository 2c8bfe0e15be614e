"""HTTP-level stand-ins for the outside world (Conta Azul, Google Sheets); imports none of our code."""
