"""Azulejo's backend: flows between Google Sheets and Conta Azul, served by Flask."""
